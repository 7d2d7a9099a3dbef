package dev.braid.api.generator;

import java.util.List;

/**
 * A list-level step after scoring: rules that act on the ranked list rather than on single scores (pin an item
 * at a position, at most N items per genre in the top K). A {@link Generator} may also implement this interface;
 * the runtime then scores the whole chain, takes the best {@link #candidates(int)} items, passes them through
 * every reranker of the chain in order, and keeps the first {@code k}.
 *
 * <p>Implementations are called from many threads at once and must not modify their arguments.
 *
 * @since 1.1.0
 */
public interface Reranker {

    /**
     * How many candidates this step wants to see to produce a list of {@code k} (e.g. more than {@code k} so a
     * diversity rule has items to promote). The runtime fetches the largest of all rerankers' answers.
     */
    default int candidates(int k) {
        return k;
    }

    /**
     * Reorders, drops or adds items.
     *
     * @param query      the query
     * @param candidates the ranked candidates, best first (the chain's scores; earlier rerankers already applied)
     * @param scores     the chain's final score of every catalog item, in catalog order
     *                   ({@link Float#NEGATIVE_INFINITY} = filtered by some stage); read only
     * @param k          the length of the list the caller asked for
     * @return the new list, best first, at most {@code k} items; an item taken from {@code candidates} keeps its
     *         reasons as a prefix of its new reasons, and this step appends the names of its rules that touched it
     */
    List<ScoredItem> rerank(Query query, List<ScoredItem> candidates, float[] scores, int k);
}
