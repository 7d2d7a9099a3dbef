package dev.braid.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Metrics averaged over the evaluated users.
 *
 * @param metrics lower-case keys such as {@code "ndcg@10"}, {@code "auc"}, {@code "coverage@10"}, in a stable order
 *                (metric, then K); NaN when no user could be evaluated
 * @param users   how many test users were evaluated (those with at least one positive among their candidates)
 */
public record EvaluationResult(Map<String, Double> metrics, int users) {

    public EvaluationResult {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(metrics, "metrics")));
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
