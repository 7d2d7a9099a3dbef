package dev.braid.runtime.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.braid.api.generator.ScoredItem;
import dev.braid.runtime.query.QueryService;
import dev.braid.runtime.query.UserQuery;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /items/{id}/explain?user=U[&variant=V][&excludeHistory=false][&RULE_PARAM=..]}: the score and reasons
 * the user's variant gives one item, through the whole chain; {@code recommendable} is false when the chain (a
 * rule, an exclusion, the user's history) filters it out.
 */
record ExplainHandler(ServedVariants variants, QueryService queries, boolean excludeHistory) implements Handler {
    private static final Set<String> RESERVED = Set.of("user", "variant", "excludeHistory");

    /** Why an item would (or would not) be recommended to a user. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Explanation(String variant, int generation, String user, ItemSummary item, boolean recommendable,
                       Double score, List<String> reasons, String explanation) {
    }

    @Override
    public void handle(Context ctx) {
        String user = Requests.blankToNull(ctx.queryParam("user"));
        if (user == null) {
            throw new BadRequestResponse("user: missing (whose recommendation to explain)");
        }
        UserQuery q = new UserQuery(user, 1, Set.of(), Requests.params(ctx, RESERVED),
                Requests.flag(ctx.queryParam("excludeHistory"), "excludeHistory", excludeHistory));
        String variant = variants.pick(ctx.queryParam("variant"), user);
        String id = ctx.pathParam("id");
        ctx.json(variants.onLive(variant, g -> {
            ItemSummary item = ItemSummary.of(g, ItemSummary.index(g, id));
            Optional<ScoredItem> s = queries.explain(g, q, id);
            return new Explanation(variant, g.number(), user, item, s.isPresent(),
                    s.map(ScoredItem::score).orElse(null), s.map(ScoredItem::reasons).orElse(List.of()),
                    s.map(x -> RecommendedItem.explanation(x.reasons())).orElse(null));
        }));
    }
}
