package dev.braid.evaluation.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

import java.util.Arrays;

/**
 * Confidence intervals and paired significance tests over per-user metric values, with Apache Commons Math.
 *
 * <ul>
 *   <li>Intervals are t-based at 95%: {@code mean +- t(0.975, n-1) * sd / sqrt(n)}.</li>
 *   <li>The paired t-test is {@link TTest#pairedTTest(double[], double[])} (two-sided).</li>
 *   <li>The Wilcoxon signed-rank test is {@link WilcoxonSignedRankTest}, after dropping the users whose difference
 *       is exactly zero (Wilcoxon's original treatment, scipy's default {@code zero_method="wilcox"}); Commons Math
 *       would otherwise rank the zeros and count them on the negative side. It uses the exact distribution for up to
 *       30 non-zero differences and the normal approximation above (Commons Math shifts W by 0.5 and does not
 *       correct the variance for tied ranks, which makes the p-value slightly conservative when many differences
 *       tie, as discrete metrics do). Commons Math computes {@code n(n+1)} in {@code int}, so above 46,340 non-zero
 *       differences the p-value is reported as NaN.</li>
 *   <li>When every difference is zero both p-values are 1.</li>
 *   <li>Significance rule: a difference is marked only when both p-values are below {@link #ALPHA}, ▲ when the
 *       variant is higher, ▼ when lower. There is no correction for multiple comparisons.</li>
 * </ul>
 */
public final class PairedTests {
    /** The significance level of the marks. */
    public static final double ALPHA = 0.05;
    /** The confidence level of the intervals. */
    public static final double CONFIDENCE = 0.95;
    /** What the marks and intervals in reports mean. */
    public static final String LEGEND = "▲/▼: significantly higher/lower than the baseline: paired t-test and "
            + "Wilcoxon signed-rank test (users paired by id, zero differences dropped) both p < 0.05, no correction "
            + "for multiple comparisons; intervals are 95% t-intervals over users.";
    /** Up to this many non-zero differences the Wilcoxon p-value is exact (Commons Math's limit). */
    static final int WILCOXON_EXACT_MAX = 30;
    private static final int WILCOXON_MAX = 46_340;

    private PairedTests() {
    }

    /** The mean of these values (NaN ones ignored) with its 95% t-interval. */
    public static MeanInterval meanInterval(double[] values) {
        SummaryStatistics s = new SummaryStatistics();
        for (double v : values) {
            if (!Double.isNaN(v)) {
                s.addValue(v);
            }
        }
        int n = (int) s.getN();
        double mean = n == 0 ? Double.NaN : s.getMean();
        if (n < 2) {
            return new MeanInterval(mean, Double.NaN, Double.NaN, n);
        }
        double half = halfWidth(s.getStandardDeviation(), n);
        return new MeanInterval(mean, mean - half, mean + half, n);
    }

    /**
     * Compares paired values: {@code variant[i]} and {@code baseline[i]} belong to the same user. Pairs where either
     * is NaN are dropped. With fewer than two pairs the p-values and the interval are NaN.
     */
    public static PairedComparison compare(double[] variant, double[] baseline) {
        if (variant.length != baseline.length) {
            throw new IllegalArgumentException("paired values differ in length: " + variant.length + " vs "
                    + baseline.length);
        }
        double[] x = new double[variant.length];
        double[] y = new double[variant.length];
        int n = 0;
        for (int i = 0; i < variant.length; i++) {
            if (!Double.isNaN(variant[i]) && !Double.isNaN(baseline[i])) {
                x[n] = variant[i];
                y[n] = baseline[i];
                n++;
            }
        }
        x = Arrays.copyOf(x, n);
        y = Arrays.copyOf(y, n);
        SummaryStatistics d = new SummaryStatistics();
        SummaryStatistics base = new SummaryStatistics();
        for (int i = 0; i < n; i++) {
            d.addValue(x[i] - y[i]);
            base.addValue(y[i]);
        }
        double mean = n == 0 ? Double.NaN : d.getMean();
        double relative = n == 0 || base.getMean() == 0 ? Double.NaN : mean / base.getMean();
        if (n < 2) {
            return new PairedComparison(n, mean, relative, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Verdict.NOT_SIGNIFICANT);
        }
        double half = halfWidth(d.getStandardDeviation(), n);
        boolean allZero = d.getMin() == 0 && d.getMax() == 0;
        double tP = allZero ? 1 : new TTest().pairedTTest(x, y);
        double wP = allZero ? 1 : wilcoxon(x, y);
        Verdict verdict = tP < ALPHA && wP < ALPHA ? (mean > 0 ? Verdict.BETTER : Verdict.WORSE)
                : Verdict.NOT_SIGNIFICANT;
        return new PairedComparison(n, mean, relative, mean - half, mean + half, tP, wP, verdict);
    }

    /** Two-sided Wilcoxon signed-rank p-value over the pairs whose difference is not zero. */
    static double wilcoxon(double[] x, double[] y) {
        int n = 0;
        double[] a = new double[x.length];
        double[] b = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (x[i] != y[i]) {
                a[n] = x[i];
                b[n] = y[i];
                n++;
            }
        }
        if (n == 0) {
            return 1;
        }
        if (n > WILCOXON_MAX) {
            return Double.NaN;
        }
        return new WilcoxonSignedRankTest().wilcoxonSignedRankTest(Arrays.copyOf(a, n), Arrays.copyOf(b, n),
                n <= WILCOXON_EXACT_MAX);
    }

    private static double halfWidth(double sd, int n) {
        double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        return t * sd / Math.sqrt(n);
    }
}
