package dev.braid.evaluation.report;

import java.util.Map;

/**
 * The standard deviation over seeds of a metric, which results of a run with {@code evaluation.seeds} carry in
 * {@code details.metrics_sd}; reports print {@code mean±sd}.
 */
final class SeedSpread {
    static final String DETAILS_KEY = "metrics_sd";

    private SeedSpread() {
    }

    /** The sd of this metric over seeds, or null when the result has none. */
    static Double of(VariantResult r, String metric) {
        if (r.details().get(DETAILS_KEY) instanceof Map<?, ?> m && m.get(metric) instanceof Number n
                && !Double.isNaN(n.doubleValue())) {
            return n.doubleValue();
        }
        return null;
    }

    /** The value with its sd when there is one, with this many decimals. */
    static String format(VariantResult r, String metric, double value, String numberFormat) {
        Double sd = of(r, metric);
        String v = String.format(java.util.Locale.ROOT, numberFormat, value);
        return sd == null ? v : v + "±" + String.format(java.util.Locale.ROOT, numberFormat, sd);
    }
}
