package dev.braid.runtime.serve;

import dev.braid.runtime.query.QueryService;
import dev.braid.runtime.query.UserQuery;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Set;

/**
 * {@code GET /recommendations?user=U&k=N[&exclude=..][&variant=V][&excludeHistory=false][&RULE_PARAM=..]}: the
 * top k for a user; the other query parameters go to the rules and stages.
 */
record RecommendationsHandler(ServedVariants variants, QueryService queries, ServedLists served,
                              boolean excludeHistory) implements Handler {
    private static final Set<String> RESERVED = Set.of("user", "k", "exclude", "variant", "excludeHistory");

    @Override
    public void handle(Context ctx) {
        long t0 = System.nanoTime();
        String user = Requests.blankToNull(ctx.queryParam("user"));
        UserQuery q = new UserQuery(user, Requests.k(ctx.queryParam("k")), Requests.split(ctx.queryParams("exclude")),
                Requests.params(ctx, RESERVED),
                Requests.flag(ctx.queryParam("excludeHistory"), "excludeHistory", excludeHistory));
        String variant = variants.pick(ctx.queryParam("variant"), user);
        Listing listing = variants.onLive(variant, g -> Listing.of(g, variant, user, queries.forUser(g, q), false));
        served.served(listing, t0);
        ctx.json(listing);
    }
}
