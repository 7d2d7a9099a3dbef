package dev.braid.api.generator;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a generator is asked to score: a user, an example vector in the fused space, or both.
 *
 * @param user    a user id known from training, or {@code null}
 * @param vector  a query vector in the fused feature space (query by example), or {@code null}
 * @param exclude item ids that must not be recommended
 * @param params  free request parameters that rules may read (e.g. {@code region=eu})
 */
public record Query(String user, float[] vector, Set<String> exclude, Map<String, String> params) {

    public Query {
        exclude = exclude == null ? Set.of() : Set.copyOf(exclude);
        params = params == null ? Map.of() : Map.copyOf(params);
        vector = vector == null ? null : vector.clone();
    }

    public static Query forUser(String user) {
        return new Query(user, null, Set.of(), Map.of());
    }

    public Optional<String> userValue() {
        return Optional.ofNullable(user);
    }

    /** A copy of the query vector, if there is one. */
    public Optional<float[]> vectorValue() {
        return vector == null ? Optional.empty() : Optional.of(vector.clone());
    }
}
