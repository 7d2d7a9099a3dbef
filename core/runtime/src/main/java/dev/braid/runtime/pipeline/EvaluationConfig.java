package dev.braid.runtime.pipeline;

import dev.braid.api.component.Param;
import java.util.List;

/**
 * The {@code evaluation} section: how interactions are split, which are positives, and what is measured.
 *
 * @param split     how to split
 * @param threshold ratings at or above it are positives (implicit interactions always are)
 * @param k         the cut-offs
 * @param seed      the seed of the split and of every component
 * @param metrics   the metrics the terminal table shows (all are computed and written to JSON)
 * @param sampledCandidates when above 0, also rank each test user's held-out item among this many candidates
 *                  (the LLMRank protocol, {@link SampledRanking}): metrics {@code llmrank_ndcg@k}, {@code llmrank_recall@k}
 */
public record EvaluationConfig(
        @Param(description = "split: {type: random|stratified|leave-last-out|time|cold-items, ...}",
                defaultValue = "{type: random, ratio: 0.8}") SplitConfig split,
        @Param(description = "rating threshold for positives", defaultValue = "0") double threshold,
        @Param(description = "cut-offs", defaultValue = "[10, 20]") List<Integer> k,
        @Param(description = "seed", defaultValue = "42") long seed,
        @Param(description = "metrics shown in the terminal table", defaultValue = "[ndcg, recall, precision, map]")
        List<String> metrics,
        @Param(description = "LLMRank protocol: rank each test user's held-out item among this many candidates "
                + "(it plus sampled unseen items) through the whole chain, rerankers included; 0 = off",
                defaultValue = "0", min = 0) int sampledCandidates) {

    /**
     * @param type     random, stratified, leave-last-out, time or cold-items
     * @param ratio    share of interactions in train (random, stratified)
     * @param quantile time split: the quantile of timestamps where test begins
     * @param share    cold-items: share of items held out entirely
     */
    public record SplitConfig(String type, Double ratio, Double quantile, Double share) {
    }
}
