package dev.braid.runtime.serve;

import dev.braid.api.data.Item;
import dev.braid.api.data.Media;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLConnection;

/** {@code GET /items/{id}/image}: an item's picture, with the content type its bytes show. */
final class ImageHandler implements Handler {
    private final ServedVariants variants;

    ImageHandler(ServedVariants variants) {
        this.variants = variants;
    }

    @Override
    public void handle(Context ctx) {
        byte[] bytes = variants.onLive(variants.pick(ctx.queryParam("variant"), null), g -> {
            Item it = g.catalog().item(ItemSummary.index(g, ctx.pathParam("id")));
            Media m = it.content().image();
            if (m == null) {
                throw ApiError.notFound("item '" + it.id() + "' has no image");
            }
            try {
                return m.readAllBytes();
            } catch (IOException e) {
                throw ApiError.notFound("the image of item '" + it.id() + "' cannot be read: " + e.getMessage());
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
