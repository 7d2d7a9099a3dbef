package dev.braid.api.generator;

/**
 * An optional capability of a {@link Generator}: scores a given set of catalog items without a pass over the whole
 * catalog. Retrieval that already holds candidates (an ANN index, a candidate list to rerank, an evaluation
 * protocol's sampled negatives) asks a generator that implements it for those items only; for any other
 * generator it scores the catalog and picks the candidates ({@link Scores#scoreCandidates}).
 *
 * <p>The contract is the one of {@link Generator#score(Query, float[])}, restricted to the candidates: the result
 * must equal what full scoring gives for the same items, with the same chaining ({@link Float#NEGATIVE_INFINITY}
 * on entry stays, a model-based generator overwrites the rest, a rule adjusts them). Like {@code score}, it is
 * called from many threads at once after {@code fit}.
 *
 * <p>Example, a popularity generator holding one count per item:
 * <pre>{@code
 * public void score(Query query, int[] candidates, float[] scores) {
 *     float[] own = new float[candidates.length];
 *     for (int k = 0; k < candidates.length; k++) {
 *         own[k] = counts[candidates[k]];
 *     }
 *     Scores.overwrite(own, scores);
 * }
 * }</pre>
 *
 * @since 1.2.0 of this package
 */
public interface CandidateScorer extends Generator {

    /**
     * Scores the candidates for the query, in place.
     *
     * @param candidates catalog indices (each in {@code [0, catalog size)}; repeats allowed)
     * @param scores     one slot per candidate: {@code scores[k]} belongs to {@code candidates[k]}; on entry the
     *                   previous stage's score, on return this stage's
     * @throws IllegalArgumentException when the arrays differ in length or a candidate is outside the catalog
     */
    void score(Query query, int[] candidates, float[] scores);
}
