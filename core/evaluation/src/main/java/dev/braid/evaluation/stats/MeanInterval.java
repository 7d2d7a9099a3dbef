package dev.braid.evaluation.stats;

/**
 * A mean with its two-sided t-based confidence interval, {@code mean +- t(n-1) * sd / sqrt(n)}.
 *
 * @param mean the sample mean (NaN without values)
 * @param low  lower bound (NaN with fewer than two values)
 * @param high upper bound (NaN with fewer than two values)
 * @param n    the number of values
 */
public record MeanInterval(double mean, double low, double high, int n) {

    /** Whether the interval contains this value. */
    public boolean contains(double value) {
        return low <= value && value <= high;
    }
}
