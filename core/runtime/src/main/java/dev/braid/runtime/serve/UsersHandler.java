package dev.braid.runtime.serve;

import dev.braid.api.data.InteractionMatrix;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /users?limit=N}: the first users of the training data (what the page offers to pick from). */
record UsersHandler(ServedVariants variants) implements Handler {
    /** Some user ids and how many users there are. */
    record Users(List<String> users, int total) {
    }

    @Override
    public void handle(Context ctx) {
        int limit = Requests.k(ctx.queryParam("limit"));
        ctx.json(variants.onLive(variants.pick(ctx.queryParam("variant"), null), g -> {
            InteractionMatrix m = g.data().train();
            List<String> ids = new ArrayList<>();
            for (int u = 0; u < Math.min(limit, m.numUsers()); u++) {
                ids.add(m.userId(u));
            }
            return new Users(ids, m.numUsers());
        }));
    }
}
