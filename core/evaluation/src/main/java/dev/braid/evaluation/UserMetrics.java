package dev.braid.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The per-user values behind an {@link EvaluationResult}'s averages, kept so that two variants evaluated on the same
 * split can be compared user by user (paired tests).
 *
 * @param users  the evaluated user ids, in evaluation order
 * @param values metric key (e.g. {@code "ndcg@10"}, {@code "auc"}) to one value per user, indexed like {@code users};
 *               NaN where the metric is undefined for that user (AUC without a negative candidate)
 */
public record UserMetrics(List<String> users, Map<String, double[]> values) {

    public UserMetrics {
        users = List.copyOf(Objects.requireNonNull(users, "users"));
        Map<String, double[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : Objects.requireNonNull(values, "values").entrySet()) {
            if (e.getValue().length != users.size()) {
                throw new IllegalArgumentException("metric '" + e.getKey() + "' has " + e.getValue().length
                        + " values for " + users.size() + " users");
            }
            copy.put(e.getKey(), e.getValue().clone());
        }
        values = Collections.unmodifiableMap(copy);
    }

    /** No users. */
    public static UserMetrics empty() {
        return new UserMetrics(List.of(), Map.of());
    }

    /** The values of one metric key (a copy), indexed like {@link #users()}. */
    public double[] of(String key) {
        double[] v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no per-user metric '" + key + "'; keys: " + values.keySet());
        }
        return v.clone();
    }
}
