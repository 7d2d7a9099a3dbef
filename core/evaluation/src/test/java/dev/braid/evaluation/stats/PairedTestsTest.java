package dev.braid.evaluation.stats;

import dev.braid.evaluation.UserMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Known values computed with scipy 1.17 ({@code scipy.stats.ttest_rel}, {@code wilcoxon}, {@code t.interval}) on
 * the same numbers.
 */
class PairedTestsTest {
    private static final double[] X40 = {0.504092, 0.044433, 0.34181, 0.243223, 0.254735, 0.27844, 0.098001,
            0.276807, 0.213479, 0.6323, 0.322579, 0.264737, 0.271871, 0.233195, 0.194485, 0.26092, 0.348195, 0.276145,
            0.395776, 0.28002, 0.302426, 0.454582, 0.354511, 0.249477, 0.281716, 0.354053, 0.493509, 0.273038,
            0.275644, 0.400231, 0.211354, 0.270828, 0.388254, 0.358035, 0.309152, 0.36701, 0.017184, 0.402131,
            0.204036, 0.133138};
    private static final double[] Y40 = {0.457505, -0.0276, 0.338496, 0.277807, 0.223168, 0.251605, -0.016335,
            0.201963, 0.17185, 0.535602, 0.30491, 0.290291, 0.206828, 0.168243, 0.177375, 0.277889, 0.304446,
            0.395779, 0.324369, 0.220538, 0.370757, 0.420901, 0.382357, 0.174044, 0.373766, 0.378923, 0.420934,
            0.173654, 0.375124, 0.400113, 0.161673, 0.277381, 0.262816, 0.399509, 0.25788, 0.399914, -0.097174,
            0.37343, 0.196371, 0.206229};
    // Three equal pairs (indices 2, 5, 9): zero differences.
    private static final double[] A12 = {0.8364, 0.6506, 0.6507, 0.7276, 0.5698, 0.3722, 0.34, 0.34, 0.774, 0.2079,
            0.3807, 0.4358};
    private static final double[] B12 = {0.7639, 0.5431, 0.6507, 0.8506, 0.5202, 0.3722, 0.2143, 0.2684, 0.7557,
            0.2079, 0.355, 0.3041};

    @Test
    void pairedTestsAndIntervalsMatchScipy() {
        PairedComparison c = PairedTests.compare(X40, Y40);
        assertThat(c.users()).isEqualTo(40);
        assertThat(c.tTestP()).isCloseTo(0.03596610220646525, within(1e-9));
        assertThat(c.low()).isCloseTo(0.0014510225843235337, within(1e-9));
        assertThat(c.high()).isCloseTo(0.04066002741567645, within(1e-9));
        // 40 non-zero differences: normal approximation. Commons Math shifts W by 0.5 away from the mean:
        // 2 * Phi((T - n(n+1)/4 - 0.5) / sqrt(n(n+1)(2n+1)/24)) = 0.027973906721 with scipy's rankdata and norm;
        // scipy.stats.wilcoxon(method="approx", correction=False) gives 0.028456752624.
        assertThat(c.wilcoxonP()).isCloseTo(0.027973906721008322, within(1e-9));
        assertThat(c.wilcoxonP()).isCloseTo(0.028456752623977625, within(0.001));
        assertThat(c.verdict()).isEqualTo(Verdict.BETTER);
        double meanY = java.util.Arrays.stream(Y40).average().orElseThrow();
        assertThat(c.relativeDifference()).isCloseTo(c.meanDifference() / meanY, within(1e-12));
        assertThat(PairedTests.compare(Y40, X40).verdict()).isEqualTo(Verdict.WORSE);

        MeanInterval m = PairedTests.meanInterval(X40);
        assertThat(m.low()).isCloseTo(0.2583063632717582, within(1e-9));
        assertThat(m.high()).isCloseTo(0.3334712367282418, within(1e-9));
        assertThat(m.n()).isEqualTo(40);
    }

    @Test
    void wilcoxonDropsZeroDifferencesAndIsExactForFewPairs() {
        PairedComparison c = PairedTests.compare(A12, B12);
        // scipy.stats.wilcoxon(a, b, zero_method="wilcox", method="exact") = 0.07421875 (9 non-zero differences).
        assertThat(c.wilcoxonP()).isCloseTo(0.07421875, within(1e-12));
        assertThat(c.tTestP()).isCloseTo(0.07492691552632569, within(1e-9));
        assertThat(c.verdict()).isEqualTo(Verdict.NOT_SIGNIFICANT);
    }

    @Test
    void identicalValuesAreNotDifferentAndNaNPairsAreDropped() {
        PairedComparison same = PairedTests.compare(X40, X40.clone());
        assertThat(same.tTestP()).isEqualTo(1);
        assertThat(same.wilcoxonP()).isEqualTo(1);
        assertThat(same.meanDifference()).isZero();
        assertThat(same.verdict()).isEqualTo(Verdict.NOT_SIGNIFICANT);
        PairedComparison withNaN = PairedTests.compare(new double[] {1, Double.NaN, 0.5}, new double[] {0, 1, 0});
        assertThat(withNaN.users()).isEqualTo(2);
        assertThat(withNaN.meanDifference()).isCloseTo(0.75, within(1e-12));
        assertThat(PairedTests.meanInterval(new double[] {Double.NaN, 0.3}).low()).isNaN();
    }

    @Test
    void comparisonsPairUsersById() {
        // The variant lists the users in another order and has one user the baseline lacks.
        UserMetrics baseline = new UserMetrics(List.of("u1", "u2", "u3"),
                Map.of("ndcg@10", new double[] {0.1, 0.2, 0.3}));
        UserMetrics variant = new UserMetrics(List.of("u3", "u9", "u1", "u2"),
                Map.of("ndcg@10", new double[] {0.5, 1.0, 0.3, 0.2}));
        MetricStatistics s = Comparisons.of(variant, baseline).get("ndcg@10");
        assertThat(s.vsBaseline().users()).isEqualTo(3);
        // Differences u3 +0.2, u1 +0.2, u2 0: mean 0.4 / 3.
        assertThat(s.vsBaseline().meanDifference()).isCloseTo(0.4 / 3, within(1e-12));
        assertThat(s.interval().n()).isEqualTo(4);
        assertThat(Comparisons.of(baseline, null).get("ndcg@10").vsBaseline()).isNull();
    }
}
