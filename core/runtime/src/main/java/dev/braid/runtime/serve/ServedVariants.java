package dev.braid.runtime.serve;

import dev.braid.api.data.Modality;
import dev.braid.runtime.generation.Generation;
import dev.braid.runtime.generation.GenerationManager;
import dev.braid.runtime.pipeline.LivePipeline;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.HttpResponseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The served variants: which one a request runs on (asked for with {@code variant=}, else by the A/B shares,
 * sticky per user) and running it on that variant's live generation.
 */
final class ServedVariants {
    private final Map<String, LivePipeline> pipelines;
    private final Map<String, Double> shares;
    private final VariantRouter router;

    ServedVariants(Map<String, LivePipeline> pipelines, Map<String, Double> shares) {
        this.pipelines = Collections.unmodifiableMap(new LinkedHashMap<>(pipelines));
        this.shares = shares;
        this.router = new VariantRouter(shares);
    }

    Map<String, LivePipeline> pipelines() {
        return pipelines;
    }

    double share(String variant) {
        return shares.get(variant);
    }

    GenerationManager generations(String variant) {
        return pipelines.get(variant).generations();
    }

    /** The live generation's number, or null while the variant has none. */
    Integer liveNumber(String variant) {
        return generations(variant).live().map(Generation::number).orElse(null);
    }

    /** The variant a request runs on: the one asked for, else the user's (sticky) or a random one. */
    String pick(String asked, String user) {
        if (asked != null && !asked.isBlank()) {
            if (!pipelines.containsKey(asked)) {
                throw new BadRequestResponse("variant: no served variant named '" + asked + "'; served: "
                        + pipelines.keySet());
            }
            return asked;
        }
        return router.assign(user);
    }

    /**
     * The variant a query by example runs on: the one asked for; else, by the A/B shares among them, the variants
     * whose live generation encodes every modality sent, else those that encode some of it; else the user's.
     *
     * @throws HttpResponseException 422 naming the modalities when no variant reads any of them and there is no user
     */
    String forContent(String asked, String user, Set<Modality> sent) {
        if ((asked != null && !asked.isBlank()) || sent.isEmpty()) {
            return pick(asked, user);
        }
        Map<String, List<String>> reads = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        List<String> some = new ArrayList<>();
        for (var e : pipelines.entrySet()) {
            Set<Modality> encoded = e.getValue().generations().live().map(Generation::encodedModalities)
                    .orElse(Set.of());
            reads.put(e.getKey(), encoded.stream().map(Modality::key).toList());
            if (encoded.containsAll(sent)) {
                all.add(e.getKey());
            } else if (sent.stream().anyMatch(encoded::contains)) {
                some.add(e.getKey());
            }
        }
        if (!all.isEmpty()) {
            return router.assign(user, all);
        }
        if (!some.isEmpty()) {
            return router.assign(user, some);
        }
        if (user != null) {
            return router.assign(user);
        }
        throw new HttpResponseException(422, "no served variant encodes " + sent.stream().map(Modality::key).toList()
                + "; the variants encode " + reads);
    }

    /**
     * Runs a call on a variant's live generation (held for the call).
     *
     * @throws HttpResponseException 503 when the variant has no live generation
     */
    <T> T onLive(String variant, Function<Generation, T> work) {
        GenerationManager m = generations(variant);
        try {
            return m.call(work);
        } catch (IllegalStateException e) {
            if (m.live().isEmpty()) {
                throw new HttpResponseException(503, "variant '" + variant + "' has no live generation: "
                        + e.getMessage());
            }
            throw e;
        }
    }
}
