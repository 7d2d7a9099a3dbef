package dev.braid.runtime.serve;

import io.javalin.http.Context;
import io.javalin.http.Handler;

/** {@code GET /items/{id}[?variant=V]}: one item of the catalog. */
record ItemHandler(ServedVariants variants) implements Handler {
    @Override
    public void handle(Context ctx) {
        String variant = variants.pick(ctx.queryParam("variant"), null);
        ctx.json(variants.onLive(variant, g -> ItemSummary.of(g, ItemSummary.index(g, ctx.pathParam("id")))));
    }
}
