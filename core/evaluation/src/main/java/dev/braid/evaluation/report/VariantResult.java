package dev.braid.evaluation.report;

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
 */
public record VariantResult(String variant, Map<String, Double> metrics, Map<String, Double> timings,
                            Map<String, Double> modalityCoverage, Map<String, Object> details) {

    public VariantResult {
        Objects.requireNonNull(variant, "variant");
        metrics = ordered(metrics);
        timings = ordered(timings);
        modalityCoverage = ordered(modalityCoverage);
        details = ordered(details);
    }

    // Insertion order is kept so reports list metrics the way the evaluator produced them; null values are allowed.
    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(map == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map));
    }
}
