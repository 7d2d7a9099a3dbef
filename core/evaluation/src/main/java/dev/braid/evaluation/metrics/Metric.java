package dev.braid.evaluation.metrics;

import java.util.Locale;

/**
 * The metrics the evaluator reports, and the lower-case keys they carry in results ({@code "ndcg@10"},
 * {@code "auc"}).
 */
public enum Metric {
    PRECISION(true),
    RECALL(true),
    F1(true),
    NDCG(true),
    MAP(true),
    MRR(true),
    HIT_RATE(true),
    COVERAGE(true),
    /** Area under the ROC curve over all candidates; independent of K. */
    AUC(false);

    private final boolean atK;

    Metric(boolean atK) {
        this.atK = atK;
    }

    /** Whether the metric is measured at a cut-off K. */
    public boolean atK() {
        return atK;
    }

    /** The lower-case name, e.g. {@code "ndcg"} or {@code "hit_rate"}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The result key at cut-off k, e.g. {@code "ndcg@10"}; metrics without K ignore it and return {@link #id()}. */
    public String key(int k) {
        return atK ? id() + "@" + k : id();
    }
}
