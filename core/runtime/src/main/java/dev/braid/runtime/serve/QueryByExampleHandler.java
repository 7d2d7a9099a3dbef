package dev.braid.runtime.serve;

import dev.braid.runtime.query.QueryRefused;
import dev.braid.runtime.query.QueryService;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code POST /recommendations}: a query by example (text, image, audio; JSON or multipart, see
 * {@link ContentRequest}), answered by a variant that can read what was sent unless one is asked for.
 */
final class QueryByExampleHandler implements Handler {
    private final ServedVariants variants;
    private final QueryService queries;
    private final ServedLists served;
    private final long maxMediaBytes;
    private final boolean excludeHistory;

    QueryByExampleHandler(ServedVariants variants, QueryService queries, ServedLists served, long maxMediaBytes,
                          boolean excludeHistory) {
        this.variants = variants;
        this.queries = queries;
        this.served = served;
        this.maxMediaBytes = maxMediaBytes;
        this.excludeHistory = excludeHistory;
    }

    @Override
    public void handle(Context ctx) {
        long t0 = System.nanoTime();
        ContentRequest req = ContentRequest.parse(ctx, maxMediaBytes);
        if (req.content().modalities().isEmpty() && req.user() == null) {
            throw ApiError.badRequest("send some content (text, image or audio) or a user");
        }
        String variant = variants.forContent(req.variant(), req.user(), req.content().modalities());
        Listing listing = variants.onLive(variant, g -> {
            try {
                return Listing.of(g, variant, req.user(), queries.byExample(g, req.query(excludeHistory)), true);
            } catch (QueryRefused e) {
                if (e.kind() == QueryRefused.Kind.UNREADABLE) {
                    throw new ApiError(422, "variant '" + variant + "' " + e.getMessage());
                }
                throw e;
            }
        });
        served.served(listing, t0);
        ctx.json(listing);
    }
}
