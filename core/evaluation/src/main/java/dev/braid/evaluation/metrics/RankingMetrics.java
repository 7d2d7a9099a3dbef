package dev.braid.evaluation.metrics;

import java.util.Arrays;

/**
 * Per-user ranking metrics. A ranked list is given as {@code hits}: {@code hits[i]} tells whether the item at rank
 * {@code i + 1} is relevant, best first. The list may be shorter than K (fewer recommendable items); the missing
 * ranks count as misses. {@code numRelevant} is the number of relevant items among all candidates of the user.
 */
public final class RankingMetrics {
    private static final double LN2 = Math.log(2);

    private RankingMetrics() {
    }

    /** Relevant items in the top k. */
    public static int hitCount(boolean[] hits, int k) {
        int n = 0;
        for (int i = 0, end = Math.min(k, hits.length); i < end; i++) {
            if (hits[i]) {
                n++;
            }
        }
        return n;
    }

    /** Hits in the top k divided by k. */
    public static double precision(boolean[] hits, int k) {
        requireK(k);
        return (double) hitCount(hits, k) / k;
    }

    /** Hits in the top k divided by the number of relevant items (0 when there are none). */
    public static double recall(boolean[] hits, int numRelevant, int k) {
        requireK(k);
        return numRelevant == 0 ? 0 : (double) hitCount(hits, k) / numRelevant;
    }

    /** Harmonic mean of precision and recall; 0 when both are 0. */
    public static double f1(double precision, double recall) {
        double sum = precision + recall;
        return sum == 0 ? 0 : 2 * precision * recall / sum;
    }

    /**
     * Normalised discounted cumulative gain with binary gains: {@code sum(hit_i / log2(i + 1))} over ranks
     * {@code i = 1..k}, divided by the same sum for an ideal list with {@code min(numRelevant, k)} hits on top.
     */
    public static double ndcg(boolean[] hits, int numRelevant, int k) {
        requireK(k);
        int ideal = Math.min(numRelevant, k);
        if (ideal == 0) {
            return 0;
        }
        double dcg = 0;
        for (int i = 0, end = Math.min(k, hits.length); i < end; i++) {
            if (hits[i]) {
                dcg += discount(i + 1);
            }
        }
        double idcg = 0;
        for (int rank = 1; rank <= ideal; rank++) {
            idcg += discount(rank);
        }
        return dcg / idcg;
    }

    /**
     * Average precision at k: the sum of precision@i over the ranks i of the hits in the top k, divided by
     * {@code min(numRelevant, k)}.
     */
    public static double averagePrecision(boolean[] hits, int numRelevant, int k) {
        requireK(k);
        int norm = Math.min(numRelevant, k);
        if (norm == 0) {
            return 0;
        }
        double sum = 0;
        int found = 0;
        for (int i = 0, end = Math.min(k, hits.length); i < end; i++) {
            if (hits[i]) {
                found++;
                sum += (double) found / (i + 1);
            }
        }
        return sum / norm;
    }

    /** 1 / rank of the first hit within the top k, or 0 when there is none. */
    public static double reciprocalRank(boolean[] hits, int k) {
        requireK(k);
        for (int i = 0, end = Math.min(k, hits.length); i < end; i++) {
            if (hits[i]) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    /** 1 when the top k holds at least one hit, else 0. */
    public static double hitRate(boolean[] hits, int k) {
        requireK(k);
        return hitCount(hits, k) > 0 ? 1 : 0;
    }

    /** Distinct items recommended across users divided by the number of candidate items. */
    public static double coverage(int distinctRecommended, int candidateItems) {
        if (candidateItems <= 0) {
            throw new IllegalArgumentException("candidateItems must be positive, got " + candidateItems);
        }
        return (double) distinctRecommended / candidateItems;
    }

    /** AUC of these scores; see {@link #auc(float[], float[], int)}. */
    public static double auc(float[] positiveScores, float[] negativeScores) {
        return auc(positiveScores, negativeScores, negativeScores.length);
    }

    /**
     * The share of (positive, negative) pairs where the positive scores higher, ties counting one half; NaN when
     * either side is empty. Scores that are NaN count as negative infinity. Runs in
     * {@code O((p + n) log p)}: the positives are sorted once, and each negative is placed by binary search.
     *
     * @param negativeScores a buffer whose first {@code negativeCount} entries are the negatives' scores
     */
    public static double auc(float[] positiveScores, float[] negativeScores, int negativeCount) {
        int p = positiveScores.length;
        if (p == 0 || negativeCount == 0) {
            return Double.NaN;
        }
        float[] pos = new float[p];
        for (int i = 0; i < p; i++) {
            pos[i] = clean(positiveScores[i]);
        }
        Arrays.sort(pos);
        double correct = 0;
        for (int j = 0; j < negativeCount; j++) {
            float s = clean(negativeScores[j]);
            int below = lowerBound(pos, s);      // positives < s
            int notAbove = upperBound(pos, s);   // positives <= s
            correct += (p - notAbove) + 0.5 * (notAbove - below);
        }
        return correct / ((double) p * negativeCount);
    }

    private static double discount(int rank) {
        return LN2 / Math.log(rank + 1);
    }

    private static float clean(float s) {
        return Float.isNaN(s) ? Float.NEGATIVE_INFINITY : s;
    }

    /** First index whose value is >= s. */
    private static int lowerBound(float[] a, float s) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < s) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First index whose value is > s. */
    private static int upperBound(float[] a, float s) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= s) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static void requireK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("K must be at least 1, got " + k);
        }
    }
}
