package dev.braid.evaluation.metrics;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RandomRankingTest {
    private static final int TRIALS = 200_000;

    /** Shuffles N candidates with R relevant TRIALS times and averages each metric of the real implementation. */
    private static double monteCarlo(Metric metric, int relevant, int candidates, int k, long seed) {
        Random random = new Random(seed);
        boolean[] list = new boolean[candidates];
        double sum = 0;
        for (int t = 0; t < TRIALS; t++) {
            java.util.Arrays.fill(list, false);
            for (int placed = 0; placed < relevant; ) { // R distinct random ranks
                int r = random.nextInt(candidates);
                if (!list[r]) {
                    list[r] = true;
                    placed++;
                }
            }
            sum += switch (metric) {
                case PRECISION -> RankingMetrics.precision(list, k);
                case RECALL -> RankingMetrics.recall(list, relevant, k);
                case NDCG -> RankingMetrics.ndcg(list, relevant, k);
                case MAP -> RankingMetrics.averagePrecision(list, relevant, k);
                case MRR -> RankingMetrics.reciprocalRank(list, k);
                case HIT_RATE -> RankingMetrics.hitRate(list, k);
                default -> throw new AssertionError(metric);
            };
        }
        return sum / TRIALS;
    }

    @Test
    void closedFormsAgreeWithShuffles() {
        int[][] cases = {{4, 30, 10}, {1, 336, 10}, {3, 5, 10}, {12, 40, 5}};
        for (int[] c : cases) {
            for (Metric m : new Metric[] {Metric.PRECISION, Metric.RECALL, Metric.NDCG, Metric.MAP, Metric.MRR,
                    Metric.HIT_RATE}) {
                double expected = RandomRanking.expected(m, c[0], c[1], c[2]);
                // Every metric lies in [0, 1]: the mean of TRIALS draws has a standard error below 0.5 / sqrt(TRIALS)
                // = 0.0011; 5 of those.
                assertThat(monteCarlo(m, c[0], c[1], c[2], 7)).as("%s R=%d N=%d k=%d", m, c[0], c[1], c[2])
                        .isCloseTo(expected, within(5 * 0.5 / Math.sqrt(TRIALS)));
            }
        }
    }

    @Test
    void knownValues() {
        // One relevant among N: hit rate and recall m/N, precision 1/N (k <= N).
        assertThat(RandomRanking.expected(Metric.HIT_RATE, 1, 100, 10)).isCloseTo(0.1, within(1e-12));
        assertThat(RandomRanking.expected(Metric.RECALL, 1, 100, 10)).isCloseTo(0.1, within(1e-12));
        assertThat(RandomRanking.expected(Metric.PRECISION, 1, 100, 10)).isCloseTo(0.01, within(1e-12));
        // Every candidate relevant: a perfect list whatever the order.
        assertThat(RandomRanking.expected(Metric.NDCG, 5, 5, 10)).isCloseTo(1, within(1e-12));
        assertThat(RandomRanking.expected(Metric.MAP, 5, 5, 3)).isCloseTo(1, within(1e-12));
        assertThat(RandomRanking.expected(Metric.AUC, 2, 9, 1)).isEqualTo(0.5);
    }

    @Test
    void rejectsWhatItCannotCompute() {
        assertThat(RandomRanking.covers(Metric.F1)).isFalse();
        assertThatThrownBy(() -> RandomRanking.expected(Metric.F1, 1, 10, 5)).hasMessageContaining("F1");
        assertThatThrownBy(() -> RandomRanking.expected(Metric.NDCG, 0, 10, 5)).hasMessageContaining("relevant");
    }
}
