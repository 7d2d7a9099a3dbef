package dev.braid.runtime.blend;

import dev.braid.api.component.Param;

/**
 * How a {@code blend} stage fits its weights ({@code fit:} in the configuration).
 *
 * @param metric             what the weights maximise on the validation split: {@code ndcg} or {@code recall}
 * @param k                  cut-off of the metric
 * @param validationFraction share of each user's training positives held out to fit the weights (a user keeps at
 *                           least one)
 * @param step               grid step of the weights on the simplex (weights are multiples of it and sum to 1)
 * @param maxUsers           validation users scored, at most (drawn with the seed)
 */
public record BlendFit(
        @Param(description = "metric the weights maximise: ndcg or recall", defaultValue = "ndcg") String metric,
        @Param(description = "cut-off of the metric", defaultValue = "10", min = 1, max = 1000) int k,
        @Param(description = "share of each user's training positives held out to fit the weights",
                defaultValue = "0.1", min = 0.01, max = 0.9) double validationFraction,
        @Param(description = "grid step of the weights (multiples of it summing to 1)", defaultValue = "0.1",
                min = 0.01, max = 1) double step,
        @Param(description = "validation users scored, at most", defaultValue = "1000", min = 1) int maxUsers) {

    public BlendFit {
        metric = metric == null ? "ndcg" : metric;
        if (!metric.equals("ndcg") && !metric.equals("recall")) {
            throw new IllegalArgumentException("metric: expected ndcg or recall, got '" + metric + "'");
        }
        double units = 1 / step;
        if (Math.abs(units - Math.rint(units)) > 1e-9) {
            throw new IllegalArgumentException("step: must divide 1 evenly (0.1, 0.05, 0.25 ...), got " + step);
        }
    }

    public static BlendFit defaults() {
        return new BlendFit("ndcg", 10, 0.1, 0.1, 1000);
    }

    /** How many grid steps make 1. */
    int units() {
        return (int) Math.rint(1 / step);
    }
}
