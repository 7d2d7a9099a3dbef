package dev.braid.api.generator;

import dev.braid.api.component.ProgressListener;

/**
 * Produces recommendations by scoring every catalog item for a query. Model-based generators (popularity,
 * matrix factorisation, content kNN) and rule-based ones (filters, boosts) share this interface, and a pipeline
 * chains them: each generator receives the scores left by the previous one ({@code 0} for the first) and
 * writes its own. A model-based generator overwrites them; a rule-based one adjusts them (a filter sets
 * {@link Float#NEGATIVE_INFINITY}, a boost adds), so rules work alone or as post-processors.
 *
 * <p>The runtime calls {@link #fit} once per generation, then {@link #score} from many threads at once.
 */
public interface Generator extends AutoCloseable {

    /** Learns from the training data (no-op for pure rules). Shows progress for long training. */
    void fit(TrainingData data, ProgressListener progress);

    /**
     * Scores every catalog item for the query, in place.
     *
     * @param scores one slot per catalog item; on entry the previous stage's scores, on return this stage's.
     *               {@link Float#NEGATIVE_INFINITY} means "never recommend".
     */
    void score(Query query, float[] scores);

    /**
     * Why this generator touched an item for a query (rule names, neighbours), for explanations. Empty when the
     * generator has nothing to say.
     */
    default java.util.List<String> explain(Query query, int item) {
        return java.util.List.of();
    }

    /**
     * {@link #explain(Query, int)} for several items of one query: element {@code k} of the result explains
     * {@code items[k]}. The runtime explains a whole ranked list with one call per generator, so a generator whose
     * explanation needs the query's scores (a model score, a rank) computes them once here, not once per item.
     * The default calls the single-item method for each item; override both together so they agree.
     *
     * <p>For instance, a generator whose reasons are its own scores, and which implements
     * {@link CandidateScorer}:
     * <pre>{@code
     * public List<List<String>> explain(Query query, int[] items) {
     *     float[] own = new float[items.length];
     *     score(query, items, own);                 // only the explained items, not the catalog
     *     return Scores.reasons("bpr", own);        // "bpr: score 0.812", one list per item
     * }
     * }</pre>
     *
     * @param items catalog indices
     * @return one (possibly empty) list of reasons per item, in the order of {@code items}
     * @since 1.2.0 of this package
     */
    default java.util.List<java.util.List<String>> explain(Query query, int[] items) {
        java.util.List<java.util.List<String>> out = new java.util.ArrayList<>(items.length);
        for (int item : items) {
            out.add(explain(query, item));
        }
        return out;
    }

    /**
     * A one-line, human-readable account of what {@link #fit} chose, for reports (after fit): for instance the
     * modality weights a hybrid generator picked on held-out data and the validation figures behind the choice.
     * Empty when the generator has nothing to say.
     *
     * @since 1.1.0 of this package
     */
    default String fitSummary() {
        return "";
    }

    @Override
    default void close() {
    }
}
