package dev.braid.evaluation.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The warm/cold breakdown each result may carry in {@code details.segments} (segment name, e.g. "cold users", to
 * its {@code users} count and metrics); reports show it as rows per variant and segment.
 */
final class Segments {
    static final String DETAILS_KEY = "segments";

    private Segments() {
    }

    /** One row per (variant, segment): variant, segment, users, then the metrics ("-" when missing). */
    static List<List<String>> rows(List<VariantResult> results, List<String> metrics, String format) {
        List<List<String>> rows = new ArrayList<>();
        for (VariantResult r : results) {
            of(r).forEach((segment, values) -> {
                List<String> row = new ArrayList<>();
                row.add(r.variant());
                row.add(segment);
                Double users = values.get("users");
                row.add(users == null ? "-" : String.valueOf(users.longValue()));
                for (String m : metrics) {
                    Double v = values.get(m);
                    row.add(v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, format, v));
                }
                rows.add(row);
            });
        }
        return rows;
    }

    private static Map<String, Map<String, Double>> of(VariantResult r) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        if (r.details().get(DETAILS_KEY) instanceof Map<?, ?> segments) {
            segments.forEach((name, values) -> {
                if (values instanceof Map<?, ?> m) {
                    Map<String, Double> metrics = new LinkedHashMap<>();
                    m.forEach((k, v) -> {
                        if (v instanceof Number n) {
                            metrics.put(String.valueOf(k), n.doubleValue());
                        }
                    });
                    out.put(String.valueOf(name), metrics);
                }
            });
        }
        return out;
    }
}
