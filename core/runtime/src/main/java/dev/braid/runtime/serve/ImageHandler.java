package dev.braid.runtime.serve;

import dev.braid.api.data.Item;
import dev.braid.api.data.Media;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.NotFoundResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLConnection;

/** {@code GET /items/{id}/image}: an item's picture, with the content type its bytes show. */
record ImageHandler(ServedVariants variants) implements Handler {
    @Override
    public void handle(Context ctx) {
        byte[] bytes = variants.onLive(variants.pick(ctx.queryParam("variant"), null), g -> {
            Item it = g.catalog().item(ItemSummary.index(g, ctx.pathParam("id")));
            Media m = it.content().image();
            if (m == null) {
                throw new NotFoundResponse("item '" + it.id() + "' has no image");
            }
            try {
                return m.readAllBytes();
            } catch (IOException e) {
                throw new NotFoundResponse("the image of item '" + it.id() + "' cannot be read: " + e.getMessage());
            }
        });
        String type;
        try {
            type = URLConnection.guessContentTypeFromStream(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            type = null;
        }
        ctx.contentType(type == null ? "application/octet-stream" : type).header("Cache-Control", "max-age=3600")
                .result(bytes);
    }
}
