package dev.braid.evaluation.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RankingMetricsTest {
    private static final double EPS = 1e-9;
    private static final double LOG2_3 = Math.log(3) / Math.log(2); // 1.5849625

    // Ranked list: hit, miss, hit, miss, miss; 3 relevant items in all.
    private static final boolean[] HITS = {true, false, true, false, false};

    @Test
    void precisionRecallAndF1() {
        // @5: 2 hits / 5 = 0.4; recall 2 / 3; F1 = 2 * 0.4 * (2/3) / (0.4 + 2/3) = 0.5333 / 1.0667 = 0.5
        assertThat(RankingMetrics.precision(HITS, 5)).isCloseTo(0.4, within(EPS));
        assertThat(RankingMetrics.recall(HITS, 3, 5)).isCloseTo(2.0 / 3, within(EPS));
        assertThat(RankingMetrics.f1(0.4, 2.0 / 3)).isCloseTo(0.5, within(EPS));
        // @2: 1 hit / 2 = 0.5; recall 1 / 3
        assertThat(RankingMetrics.precision(HITS, 2)).isCloseTo(0.5, within(EPS));
        assertThat(RankingMetrics.recall(HITS, 3, 2)).isCloseTo(1.0 / 3, within(EPS));
        assertThat(RankingMetrics.f1(0, 0)).isZero();
    }

    @Test
    void aListShorterThanKCountsMissingRanksAsMisses() {
        // One recommendable item, a hit: precision@5 = 1 / 5.
        assertThat(RankingMetrics.precision(new boolean[]{true}, 5)).isCloseTo(0.2, within(EPS));
    }

    @Test
    void ndcgWithBinaryGainsAndIdealOfMinRelevantK() {
        // @5: DCG = 1/log2(2) + 1/log2(4) = 1 + 0.5 = 1.5; ideal has min(3, 5) = 3 hits:
        // IDCG = 1 + 1/log2(3) + 1/log2(4) = 2.1309; NDCG = 1.5 / 2.1309 = 0.7039
        double idcg3 = 1 + 1 / LOG2_3 + 0.5;
        assertThat(RankingMetrics.ndcg(HITS, 3, 5)).isCloseTo(1.5 / idcg3, within(EPS))
                .isCloseTo(0.70392, within(1e-5));
        // @2: DCG = 1; ideal has min(3, 2) = 2 hits: IDCG = 1 + 1/log2(3) = 1.6309; NDCG = 0.6131
        assertThat(RankingMetrics.ndcg(HITS, 3, 2)).isCloseTo(1 / (1 + 1 / LOG2_3), within(EPS));
        // Single relevant item at rank 3: DCG = 1/log2(4) = 0.5, IDCG = 1
        assertThat(RankingMetrics.ndcg(new boolean[]{false, false, true}, 1, 3)).isCloseTo(0.5, within(EPS));
    }

    @Test
    void averagePrecisionNormalisedByMinRelevantK() {
        // @5: hits at ranks 1 and 3: (1/1 + 2/3) / min(3, 5) = 1.6667 / 3 = 0.5556
        assertThat(RankingMetrics.averagePrecision(HITS, 3, 5)).isCloseTo((1 + 2.0 / 3) / 3, within(EPS));
        // @2: hit at rank 1: (1/1) / min(3, 2) = 0.5
        assertThat(RankingMetrics.averagePrecision(HITS, 3, 2)).isCloseTo(0.5, within(EPS));
        // One relevant at rank 3: (1/3) / 1
        assertThat(RankingMetrics.averagePrecision(new boolean[]{false, false, true}, 1, 3))
                .isCloseTo(1.0 / 3, within(EPS));
    }

    @Test
    void reciprocalRankAndHitRateLookOnlyWithinK() {
        boolean[] third = {false, false, true};
        assertThat(RankingMetrics.reciprocalRank(third, 3)).isCloseTo(1.0 / 3, within(EPS));
        assertThat(RankingMetrics.reciprocalRank(third, 2)).isZero();
        assertThat(RankingMetrics.hitRate(third, 3)).isEqualTo(1.0);
        assertThat(RankingMetrics.hitRate(third, 2)).isZero();
        assertThat(RankingMetrics.reciprocalRank(HITS, 5)).isEqualTo(1.0);
    }

    @Test
    void aucCountsCorrectlyOrderedPairsWithHalfForTies() {
        // positives 0.9 and 0.5, negatives 0.7, 0.5, 0.1:
        // 0.9 beats all 3 -> 3; 0.5 loses to 0.7 (0), ties 0.5 (0.5), beats 0.1 (1) -> 1.5; 4.5 / 6 = 0.75
        assertThat(RankingMetrics.auc(new float[]{0.9f, 0.5f}, new float[]{0.7f, 0.5f, 0.1f}))
                .isCloseTo(0.75, within(EPS));
        // Only the first 2 entries of the buffer count: negatives 0.7, 0.5 -> (2 + 0.5) / 4 = 0.625
        assertThat(RankingMetrics.auc(new float[]{0.9f, 0.5f}, new float[]{0.7f, 0.5f, 0.1f}, 2))
                .isCloseTo(0.625, within(EPS));
        // NaN counts as negative infinity: a tie with a -inf negative.
        assertThat(RankingMetrics.auc(new float[]{Float.NaN}, new float[]{Float.NEGATIVE_INFINITY}))
                .isCloseTo(0.5, within(EPS));
        assertThat(RankingMetrics.auc(new float[]{1f}, new float[0])).isNaN();
    }

    @Test
    void coverageIsDistinctRecommendedOverCandidates() {
        assertThat(RankingMetrics.coverage(3, 12)).isCloseTo(0.25, within(EPS));
        assertThatThrownBy(() -> RankingMetrics.coverage(1, 0)).hasMessageContaining("candidateItems");
    }

    @Test
    void kBelowOneIsRejected() {
        assertThatThrownBy(() -> RankingMetrics.ndcg(HITS, 3, 0)).hasMessageContaining("K must be at least 1");
    }

    @Test
    void metricKeysAreLowerCase() {
        assertThat(Metric.NDCG.key(10)).isEqualTo("ndcg@10");
        assertThat(Metric.HIT_RATE.key(5)).isEqualTo("hit_rate@5");
        assertThat(Metric.AUC.key(10)).isEqualTo("auc");
    }
}
