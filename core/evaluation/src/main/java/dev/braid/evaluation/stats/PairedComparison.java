package dev.braid.evaluation.stats;

/**
 * One metric of a variant compared user by user with the same metric of the baseline.
 *
 * @param users              the number of users paired (evaluated in both, metric defined for both)
 * @param meanDifference     mean over users of (variant - baseline)
 * @param relativeDifference meanDifference divided by the baseline's mean over the same users (NaN when that is 0)
 * @param low                lower bound of the 95% t-interval of the mean difference
 * @param high               upper bound of that interval
 * @param tTestP             two-sided p-value of the paired t-test
 * @param wilcoxonP          two-sided p-value of the Wilcoxon signed-rank test
 * @param verdict            better, worse or not significant under the rule of {@link PairedTests}
 */
public record PairedComparison(int users, double meanDifference, double relativeDifference, double low, double high,
                               double tTestP, double wilcoxonP, Verdict verdict) {
}
