package dev.braid.evaluation.report;

import dev.braid.evaluation.stats.MetricStatistics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one pipeline variant.
 *
 * @param variant          the variant's name
 * @param metrics          metric key (e.g. {@code "ndcg@10"}) to value
 * @param timings          phase (e.g. "encode", "fit", "evaluate") to seconds
 * @param modalityCoverage modality (e.g. "text") to the share of items that have a vector for it, in [0, 1]
 * @param details          anything else worth keeping (configuration, counts); must be JSON-serialisable
 * @param statistics       per metric key, the 95% interval of the mean and the paired comparison with the
 *                         baseline variant (see {@link dev.braid.evaluation.stats.PairedTests}); empty when not
 *                         computed
 */
public record VariantResult(String variant, Map<String, Double> metrics, Map<String, Double> timings,
                            Map<String, Double> modalityCoverage, Map<String, Object> details,
                            Map<String, MetricStatistics> statistics) {

    public VariantResult {
        Objects.requireNonNull(variant, "variant");
        metrics = ordered(metrics);
        timings = ordered(timings);
        modalityCoverage = ordered(modalityCoverage);
        details = ordered(details);
        statistics = ordered(statistics);
    }

    /** A result without statistics. */
    public VariantResult(String variant, Map<String, Double> metrics, Map<String, Double> timings,
                         Map<String, Double> modalityCoverage, Map<String, Object> details) {
        this(variant, metrics, timings, modalityCoverage, details, null);
    }

    /** This result with these statistics. */
    public VariantResult withStatistics(Map<String, MetricStatistics> stats) {
        return new VariantResult(variant, metrics, timings, modalityCoverage, details, stats);
    }

    /** The significance mark of a metric against the baseline (▲, ▼ or empty). */
    public String mark(String metricKey) {
        MetricStatistics s = statistics.get(metricKey);
        return s == null || s.vsBaseline() == null ? "" : s.vsBaseline().verdict().mark();
    }

    // Insertion order is kept so reports list metrics the way the evaluator produced them; null values are allowed.
    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(map == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map));
    }
}
