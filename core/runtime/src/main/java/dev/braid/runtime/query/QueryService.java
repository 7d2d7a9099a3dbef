package dev.braid.runtime.query;

import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Modality;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.ScoredItem;
import dev.braid.runtime.generation.Generation;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The engine's read path on one generation: recommendations for a user (history excluded on request, the
 * unknown-user policy applied) and for ad-hoc content (encode, fuse, recommend). Call it inside
 * {@link dev.braid.runtime.generation.GenerationManager#call} so that the generation stays open.
 */
public final class QueryService {
    static final String UNKNOWN_USER = "user unknown";
    static final String NO_USER = "no user";

    private final UnknownUserPolicy unknownUser;
    private final Popularity popularity = new Popularity();

    public QueryService(UnknownUserPolicy unknownUser) {
        this.unknownUser = unknownUser;
    }

    /**
     * Recommendations for a user. A user the training data does not know, or no user, gets the unknown-user policy.
     *
     * @throws QueryRefused {@link QueryRefused.Kind#UNKNOWN_USER} when the policy is {@code error}
     */
    public Recommendations forUser(Generation g, UserQuery q) {
        int u = userIndex(g, q.user());
        if (u < 0) {
            return unknown(g, q);
        }
        return Recommendations.of(g.recommend(query(g, q, u, null), q.k()));
    }

    /**
     * Recommendations for ad-hoc content: each modality sent that the generation encodes is encoded with its
     * encoder, the vectors are fused, and the chain ranks the catalog against the result (blended with the user,
     * when one is given). Content the generation cannot read at all falls back to the user, if any.
     *
     * @throws QueryRefused {@link QueryRefused.Kind#NOT_ENCODED} when an encoder fails on what was sent,
     *                      {@link QueryRefused.Kind#UNREADABLE} when nothing sent can be read and there is no user
     */
    public Recommendations byExample(Generation g, ContentQuery cq) {
        UserQuery q = cq.user();
        Set<Modality> sent = cq.content().modalities();
        if (sent.isEmpty()) {
            return forUser(g, q);
        }
        Map<Modality, EncodingResult> results = g.encode("query", cq.content());
        Map<Modality, float[]> vectors = new EnumMap<>(Modality.class);
        List<String> problems = new ArrayList<>();
        results.forEach((m, r) -> {
            if (r instanceof EncodingResult.Success s) {
                vectors.put(m, s.vector());
            } else if (r instanceof EncodingResult.Failure f) {
                problems.add(m.key() + ": " + f.kind().name().toLowerCase(Locale.ROOT) + ": " + f.message());
            }
        });
        if (!problems.isEmpty()) {
            throw new QueryRefused(QueryRefused.Kind.NOT_ENCODED, "the content could not be encoded: "
                    + String.join("; ", problems));
        }
        List<Modality> ignored = sent.stream().filter(m -> !results.containsKey(m)).toList();
        List<Modality> encoded = List.copyOf(vectors.keySet());
        float[] vector = vectors.isEmpty() ? null : g.fuse(vectors);
        if (vector == null) {
            if (q.user() == null) {
                throw new QueryRefused(QueryRefused.Kind.UNREADABLE, "encodes " + keys(g.encodedModalities())
                        + "; nothing it can read was sent (ignored: " + keys(ignored) + ")");
            }
            Recommendations r = forUser(g, q);
            return new Recommendations(r.items(), r.fallback(), encoded, ignored);
        }
        int u = userIndex(g, q.user());
        return new Recommendations(g.recommend(query(g, q, u, vector), q.k()), null, encoded, ignored);
    }

    /**
     * The score and reasons the chain gives one item for a known user, through the whole chain (rules and
     * rerankers included); empty when the chain filters the item out for this request.
     *
     * @throws QueryRefused {@link QueryRefused.Kind#UNKNOWN_USER} when the user is not in the training data,
     *                      {@link QueryRefused.Kind#UNKNOWN_ITEM} when the item is not in the catalog
     */
    public Optional<ScoredItem> explain(Generation g, UserQuery q, String itemId) {
        int item = g.catalog().indexOf(itemId);
        if (item < 0) {
            throw new QueryRefused(QueryRefused.Kind.UNKNOWN_ITEM, "no item '" + itemId + "' in the catalog");
        }
        int u = userIndex(g, q.user());
        if (u < 0) {
            throw new QueryRefused(QueryRefused.Kind.UNKNOWN_USER, q.user() == null ? "user: missing"
                    : "user '" + q.user() + "' is not in the training data");
        }
        return g.recommendAmong(query(g, q, u, null), new int[] {item}, 1).stream()
                .filter(s -> s.score() != Double.NEGATIVE_INFINITY && !Double.isNaN(s.score()))
                .findFirst();
    }

    private Recommendations unknown(Generation g, UserQuery q) {
        String why = q.user() == null ? NO_USER : UNKNOWN_USER;
        return switch (unknownUser) {
            case POPULARITY -> new Recommendations(popularity.top(g, q, "popular: " + why), "popular: " + why,
                    List.of(), List.of());
            case EMPTY -> new Recommendations(List.of(), "empty: " + why, List.of(), List.of());
            case ERROR -> throw new QueryRefused(QueryRefused.Kind.UNKNOWN_USER, q.user() == null
                    ? "user: missing (serve.unknownUser is error)"
                    : "user '" + q.user() + "' is not in the training data (serve.unknownUser is error)");
        };
    }

    private static int userIndex(Generation g, String user) {
        return user == null ? -1 : g.data().train().userIndex(user);
    }

    /** The chain's query: the user's training history joins the exclusions when asked and the user is known. */
    private static Query query(Generation g, UserQuery q, int u, float[] vector) {
        Set<String> exclude = q.exclude();
        if (q.excludeHistory() && u >= 0) {
            InteractionMatrix train = g.data().train();
            Set<String> all = new LinkedHashSet<>(exclude);
            for (int j = 0; j < train.degree(u); j++) {
                all.add(g.catalog().item(train.item(u, j)).id());
            }
            exclude = all;
        }
        return new Query(q.user(), vector, exclude, q.params());
    }

    private static List<String> keys(java.util.Collection<Modality> modalities) {
        return modalities.stream().map(Modality::key).toList();
    }
}
