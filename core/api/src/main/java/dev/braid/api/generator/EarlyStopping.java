package dev.braid.api.generator;

/**
 * Early stopping on a validation score where higher is better (NDCG, AUC), for any component that trains for
 * epochs: it keeps the best score and its epoch, and says when {@code patience} validations in a row have not
 * improved on it. Typical use:
 * <pre>{@code
 * EarlyStopping stopping = new EarlyStopping(patience);
 * for (int epoch = 1; epoch <= epochs; epoch++) {
 *     train(epoch);
 *     if (stopping.improves(epoch, validate())) {
 *         keepBestModel();
 *     } else if (stopping.exhausted()) {
 *         break;
 *     }
 * }
 * }</pre>
 * Not thread-safe: one training loop owns it.
 *
 * @since 1.3.0 of this package
 */
public final class EarlyStopping {
    private final int patience;
    private double best;
    private int bestEpoch;
    private int stale;

    /**
     * @param patience validations without improvement before {@link #exhausted()} (at least 1)
     * @param initial  the score to beat (for instance the untrained model's), recorded as epoch 0
     */
    public EarlyStopping(int patience, double initial) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience: must be >= 1, got " + patience);
        }
        this.patience = patience;
        this.best = initial;
    }

    /** Starts with nothing to beat: the first finite score improves. */
    public EarlyStopping(int patience) {
        this(patience, Double.NEGATIVE_INFINITY);
    }

    /**
     * Records an epoch's validation score.
     *
     * @return true when it beats every earlier score (it becomes the best); a NaN score never does
     */
    public boolean improves(int epoch, double score) {
        if (score > best) {
            best = score;
            bestEpoch = epoch;
            stale = 0;
            return true;
        }
        stale++;
        return false;
    }

    /** Whether the last {@code patience} validations did not improve on the best: time to stop. */
    public boolean exhausted() {
        return stale >= patience;
    }

    /** The best score so far (the initial one while nothing improved on it). */
    public double best() {
        return best;
    }

    /** The epoch of the best score; 0 while nothing improved on the initial one. */
    public int bestEpoch() {
        return bestEpoch;
    }
}
