package dev.braid.evaluation.metrics;

/**
 * The expected value of a per-user metric when the user's candidates are ranked uniformly at random: the level a
 * scorer without information reaches. {@code numRelevant} of the user's {@code numCandidates} candidates are
 * relevant; every candidate is ranked. Closed forms (with {@code m = min(k, N)}, {@code R} relevant among {@code N}):
 * precision {@code R m / (N k)}, recall {@code m / N}, NDCG {@code (R / N) sum_{r<=m} 1/log2(r+1) / IDCG},
 * MAP {@code sum_{i<=m} (R / N)(1 + (i - 1)(R - 1)/(N - 1)) / i / min(R, k)}, MRR and hit rate from the
 * probability that the first hit is at rank r. F1 has no such form and is not covered.
 */
public final class RandomRanking {
    private static final double LN2 = Math.log(2);

    private RandomRanking() {
    }

    /** Whether {@link #expected} covers this metric. */
    public static boolean covers(Metric metric) {
        return switch (metric) {
            case PRECISION, RECALL, NDCG, MAP, MRR, HIT_RATE, AUC -> true;
            default -> false;
        };
    }

    /**
     * The expected value of {@code metric} at {@code k} for a random ranking (AUC: 0.5, k ignored).
     *
     * @throws IllegalArgumentException for a metric {@link #covers} rejects, or counts out of range
     */
    public static double expected(Metric metric, int numRelevant, int numCandidates, int k) {
        if (numRelevant < 1 || numCandidates < numRelevant || k < 1) {
            throw new IllegalArgumentException("need 1 <= relevant <= candidates and k >= 1, got relevant "
                    + numRelevant + ", candidates " + numCandidates + ", k " + k);
        }
        double r = numRelevant;
        double n = numCandidates;
        int m = Math.min(k, numCandidates);
        return switch (metric) {
            case PRECISION -> r * m / (n * k);
            case RECALL -> m / n;
            case NDCG -> {
                double dcg = 0;
                for (int rank = 1; rank <= m; rank++) {
                    dcg += discount(rank);
                }
                double idcg = 0;
                for (int rank = 1; rank <= Math.min(numRelevant, k); rank++) {
                    idcg += discount(rank);
                }
                yield r / n * dcg / idcg;
            }
            case MAP -> {
                double sum = 0;
                for (int i = 1; i <= m; i++) {
                    // E[hit_i * hits in 1..i] / i: P(hit_i) (1 + (i - 1) P(hit_j | hit_i))
                    double others = n > 1 ? (i - 1) * (r - 1) / (n - 1) : 0;
                    sum += r / n * (1 + others) / i;
                }
                yield sum / Math.min(numRelevant, k);
            }
            case MRR, HIT_RATE -> {
                double noHitYet = 1; // P(ranks 1..rank-1 are all misses)
                double rr = 0;
                double hit = 0;
                for (int rank = 1; rank <= m; rank++) {
                    double firstHitHere = noHitYet * r / (n - rank + 1);
                    rr += firstHitHere / rank;
                    hit += firstHitHere;
                    noHitYet *= (n - rank + 1 - r) / (n - rank + 1);
                }
                yield metric == Metric.MRR ? rr : hit;
            }
            case AUC -> 0.5;
            default -> throw new IllegalArgumentException("no closed form for the random expectation of " + metric);
        };
    }

    private static double discount(int rank) {
        return LN2 / Math.log(rank + 1);
    }
}
