package dev.braid.runtime.serve;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.braid.api.data.InteractionMatrix;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /users/{id}/history?k=N}: a user's training interactions (the first k, 50 by default). */
record HistoryHandler(ServedVariants variants) implements Handler {
    /** A user's history: how many interactions, and the first ones. */
    record History(String user, int count, List<Interacted> items) {
    }

    /** An item of the history and the interaction's value (rating, or 1). */
    record Interacted(@JsonUnwrapped ItemSummary item, float value) {
    }

    @Override
    public void handle(Context ctx) {
        String user = ctx.pathParam("id");
        int limit = Requests.k(ctx.queryParam("k") == null ? "50" : ctx.queryParam("k"));
        ctx.json(variants.onLive(variants.pick(ctx.queryParam("variant"), user), g -> {
            InteractionMatrix m = g.data().train();
            int u = m.userIndex(user);
            if (u < 0) {
                throw new NotFoundResponse("user '" + user + "' has no history in the training data");
            }
            List<Interacted> items = new ArrayList<>();
            for (int j = 0; j < Math.min(limit, m.degree(u)); j++) {
                items.add(new Interacted(ItemSummary.of(g, m.item(u, j)), m.value(u, j)));
            }
            return new History(user, m.degree(u), items);
        }));
    }
}
