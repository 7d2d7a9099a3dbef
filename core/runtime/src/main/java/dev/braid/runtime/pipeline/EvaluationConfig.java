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
 * @param baseline  the variant every other one is compared with, user by user (null: the first variant)
 * @param seeds     when not empty, the split and every variant are repeated once per seed (replacing {@code seed})
 * @param candidates which items are ranked: all, test-items or cold-items (empty: cold-items for a cold-items
 *                  split, else all)
 * @param sampledCandidates when above 0, also rank each test user's held-out item among this many candidates
 *                  (the LLMRank protocol, {@link SampledRanking}): metrics {@code llmrank_ndcg@k}, {@code llmrank_recall@k}
 */
public record EvaluationConfig(
        @Param(description = "split: {type: random|stratified|leave-last-out|time|cold-items|files, ...}",
                defaultValue = "{type: random, ratio: 0.8}") SplitConfig split,
        @Param(description = "rating threshold for positives", defaultValue = "0") double threshold,
        @Param(description = "cut-offs", defaultValue = "[10, 20]") List<Integer> k,
        @Param(description = "seed", defaultValue = "42") long seed,
        @Param(description = "metrics shown in the terminal table", defaultValue = "[ndcg, recall, precision, map]")
        List<String> metrics,
        @Param(description = "the variant the others are compared with (paired tests); default: the first variant",
                defaultValue = "") String baseline,
        @Param(description = "candidate items: all | test-items | cold-items; default: cold-items for a cold-items "
                + "split, else all", defaultValue = "") String candidates,
        @Param(description = "repeat split and training once per seed; the report gives mean and sd over seeds",
                defaultValue = "[]") List<Long> seeds,
        @Param(description = "LLMRank protocol: rank each test user's held-out item among this many candidates "
                + "(it plus sampled unseen items) through the whole chain, rerankers included; 0 = off",
                defaultValue = "0", min = 0) int sampledCandidates) {

    /** The seeds to run: {@code seeds}, or the single {@code seed}. */
    public List<Long> runSeeds() {
        return seeds == null || seeds.isEmpty() ? List.of(seed) : List.copyOf(seeds);
    }

    /** This configuration with another seed (and no repetition). */
    public EvaluationConfig withSeed(long s) {
        return new EvaluationConfig(split, threshold, k, s, metrics, baseline, candidates, List.of(),
                sampledCandidates);
    }

    /**
     * @param type       random, stratified, leave-last-out, time, cold-items or files
     * @param ratio      share of interactions in train (random, stratified)
     * @param quantile   time split: the quantile of timestamps where test begins
     * @param share      cold-items: share of items held out entirely
     * @param train      files: the training interactions file (relative to the configuration file's folder)
     * @param test       files: the test interactions file
     * @param validation files: an optional validation interactions file
     * @param format     files: csv, tsv or jsonl (default: from each file's extension)
     * @param user       files: the user id column (default "user"; without a header, a 0-based position)
     * @param item       files: the item id column (default "item")
     * @param rating     files: the rating column, if any
     * @param timestamp  files: the time column, if any
     * @param header     files: whether the first row names the columns (default true)
     */
    public record SplitConfig(String type, Double ratio, Double quantile, Double share, String train, String test,
                              String validation, String format, String user, String item, String rating,
                              String timestamp, Boolean header) {
    }
}
