package dev.braid.runtime.serve;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;

/** {@code GET /items/{id}/similar?k=N[&variant=V]}: the nearest items by cosine in the variant's fused space. */
record SimilarItemsHandler(ServedVariants variants, SimilarItems similar) implements Handler {
    /** The item asked about and its neighbours, nearest first. */
    record Neighbours(String variant, int generation, ItemSummary item, List<Neighbour> items) {
    }

    /** A neighbour and its cosine. */
    record Neighbour(@JsonUnwrapped ItemSummary item, double score) {
    }

    @Override
    public void handle(Context ctx) {
        int k = Requests.k(ctx.queryParam("k"));
        String variant = variants.pick(ctx.queryParam("variant"), null);
        ctx.json(variants.onLive(variant, g -> {
            int index = ItemSummary.index(g, ctx.pathParam("id"));
            List<Neighbour> items = similar.similar(g, index, k).stream()
                    .map(n -> new Neighbour(ItemSummary.of(g, n.index()), n.cosine())).toList();
            return new Neighbours(variant, g.number(), ItemSummary.of(g, index), items);
        }));
    }
}
