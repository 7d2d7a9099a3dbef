package dev.braid.evaluation.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The expected metrics of a uniformly random ranking under a report's protocol, which every variant's
 * {@code details.random_expected} carries (the same for all variants of one split); reports show them as a
 * reference row.
 */
final class RandomLevel {
    /** The label of the reference row. */
    static final String LABEL = "(random, expected)";
    /** The details key the values come from. */
    static final String DETAILS_KEY = "random_expected";

    private RandomLevel() {
    }

    /** The values of the first result that carries them; empty when none does. */
    static Map<String, Double> of(List<VariantResult> results) {
        for (VariantResult r : results) {
            if (r.details().get(DETAILS_KEY) instanceof Map<?, ?> m && !m.isEmpty()) {
                Map<String, Double> out = new LinkedHashMap<>();
                m.forEach((k, v) -> {
                    if (v instanceof Number n) {
                        out.put(String.valueOf(k), n.doubleValue());
                    }
                });
                return out;
            }
        }
        return Map.of();
    }
}
