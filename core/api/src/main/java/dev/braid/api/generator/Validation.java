package dev.braid.api.generator;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * What a trainable generator needs to validate on held-out positives while it trains (early stopping): a seeded
 * sample of the users to rank, and the NDCG of a ranked list with binary relevance. Two generators that validate
 * this way report comparable figures.
 *
 * @since 1.2.0 of this package
 */
public final class Validation {

    private Validation() {
    }

    /**
     * At most {@code max} of the ids, drawn without replacement by {@code random} (a partial Fisher–Yates shuffle
     * of {@code ids}, which it reorders), in ascending order; all of them when there are no more than {@code max}.
     */
    public static int[] sample(int[] ids, int max, SplittableRandom random) {
        if (ids.length <= max) {
            return ids;
        }
        for (int a = 0; a < max; a++) {
            int b = a + random.nextInt(ids.length - a);
            int x = ids[a];
            ids[a] = ids[b];
            ids[b] = x;
        }
        int[] chosen = Arrays.copyOf(ids, max);
        Arrays.sort(chosen);
        return chosen;
    }

    /**
     * NDCG@k with binary relevance: the discounted gain of the relevant items among the first {@code n} of
     * {@code ranked} (at most {@code k}), over that of {@code relevantCount} relevant items ranked first.
     *
     * @return in [0, 1]; NaN when {@code relevantCount} is 0
     */
    public static double ndcg(int[] ranked, int n, IntPredicate relevant, int relevantCount, int k) {
        double dcg = 0;
        for (int r = 0; r < Math.min(n, k); r++) {
            if (relevant.test(ranked[r])) {
                dcg += discount(r);
            }
        }
        double idcg = 0;
        for (int r = 0; r < Math.min(k, relevantCount); r++) {
            idcg += discount(r);
        }
        return dcg / idcg;
    }

    /** {@code 1 / log2(rank + 2)} for a 0-based rank. */
    private static double discount(int rank) {
        return Math.log(2) / Math.log(rank + 2);
    }
}
