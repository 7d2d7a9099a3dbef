package dev.braid.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Metrics averaged over the evaluated users.
 *
 * @param metrics        lower-case keys such as {@code "ndcg@10"}, {@code "auc"}, {@code "coverage@10"}, in a stable
 *                       order (metric, then K); NaN when no user could be evaluated
 * @param users          how many test users were evaluated (those with at least one positive among their candidates)
 * @param perUser        the per-user values of every metric but coverage, for paired comparisons
 * @param randomExpected for the metrics with a closed form ({@link dev.braid.evaluation.metrics.RandomRanking}), the
 *                       average over the same users of the value a uniformly random ranking of each user's
 *                       candidates is expected to reach: the level of a scorer without information
 * @param segments       metrics of groups, each with its {@code "users"} count, only where both groups of a pair
 *                       exist: {@code "warm users"} / {@code "cold users"} (users with / without training
 *                       interactions), {@code "warm items"} / {@code "cold items"} (measured over each user's
 *                       relevant items with / without training interactions only, the other relevant items taken
 *                       out of that user's ranking)
 */
public record EvaluationResult(Map<String, Double> metrics, int users, UserMetrics perUser,
                               Map<String, Double> randomExpected, Map<String, Map<String, Double>> segments) {

    public EvaluationResult {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(metrics, "metrics")));
        perUser = perUser == null ? UserMetrics.empty() : perUser;
        randomExpected = Collections.unmodifiableMap(new LinkedHashMap<>(randomExpected == null ? Map.of()
                : randomExpected));
        segments = Collections.unmodifiableMap(new LinkedHashMap<>(segments == null ? Map.of() : segments));
    }

    /** The value of a metric key; throws when the result has no such key. */
    public double get(String key) {
        Double v = metrics.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no metric '" + key + "' in this result; keys: " + metrics.keySet());
        }
        return v;
    }
}
