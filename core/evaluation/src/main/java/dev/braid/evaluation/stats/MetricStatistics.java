package dev.braid.evaluation.stats;

/**
 * The statistics of one metric of one variant.
 *
 * @param interval   the variant's mean over users with its 95% t-interval
 * @param vsBaseline the paired comparison with the baseline variant; null for the baseline itself
 */
public record MetricStatistics(MeanInterval interval, PairedComparison vsBaseline) {
}
