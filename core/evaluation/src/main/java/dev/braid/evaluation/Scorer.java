package dev.braid.evaluation;

/**
 * Scores every catalog item for one user. The evaluator calls it from several threads at once, each with its own
 * buffer, so implementations must be thread-safe.
 */
@FunctionalInterface
public interface Scorer {

    /**
     * Fills {@code scores[i]} with the score of catalog item {@code i} for this user; higher is better.
     * {@link Float#NEGATIVE_INFINITY} (the value the buffer holds on entry) means not recommendable.
     */
    void score(String userId, float[] scores);
}
