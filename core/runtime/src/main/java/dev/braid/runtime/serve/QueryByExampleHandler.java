package dev.braid.runtime.serve;

import dev.braid.runtime.query.QueryRefused;
import dev.braid.runtime.query.QueryService;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;

/**
 * {@code POST /recommendations}: a query by example (text, image, audio; JSON or multipart, see
 * {@link ContentRequest}), answered by a variant that can read what was sent unless one is asked for.
 */
record QueryByExampleHandler(ServedVariants variants, QueryService queries, ServedLists served, long maxMediaBytes,
                             boolean excludeHistory) implements Handler {
    @Override
    public void handle(Context ctx) {
        long t0 = System.nanoTime();
        ContentRequest req = ContentRequest.parse(ctx, maxMediaBytes);
        if (req.content().modalities().isEmpty() && req.user() == null) {
            throw new BadRequestResponse("send some content (text, image or audio) or a user");
        }
        String variant = variants.forContent(req.variant(), req.user(), req.content().modalities());
        Listing listing = variants.onLive(variant, g -> {
            try {
                return Listing.of(g, variant, req.user(), queries.byExample(g, req.query(excludeHistory)), true);
            } catch (QueryRefused e) {
                if (e.kind() == QueryRefused.Kind.UNREADABLE) {
                    throw new HttpResponseException(422, "variant '" + variant + "' " + e.getMessage());
                }
                throw e;
            }
        });
        served.served(listing, t0);
        ctx.json(listing);
    }
}
