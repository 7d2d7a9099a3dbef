package dev.braid.runtime.serve;

import java.util.Map;
import java.util.TreeMap;

/**
 * Formats the counters plugins report ({@link dev.braid.api.component.Measured}) in the Prometheus text format:
 * {@code llm_requests_total} of generator {@code llm-rerank} in variant {@code a} becomes
 * {@code braid_plugin_llm_requests_total{variant="a",component="llm-rerank"} 12.0}; a sample's own labels follow.
 * Names are sanitised and label values escaped, so a plugin cannot break the exposition.
 */
final class PluginMetrics {

    private PluginMetrics() {
    }

    /** @param byVariant variant -> component -> sample -> value */
    static String scrape(Map<String, Map<String, Map<String, Double>>> byVariant) {
        // Prometheus wants the samples of one metric together: group by metric name.
        Map<String, StringBuilder> byName = new TreeMap<>();
        byVariant.forEach((variant, components) -> components.forEach((component, samples) ->
                samples.forEach((sample, value) -> {
                    int brace = sample.indexOf('{');
                    String name = "braid_plugin_" + sanitise(brace < 0 ? sample : sample.substring(0, brace));
                    String own = brace < 0 || !sample.endsWith("}") ? "" : sample.substring(brace + 1,
                            sample.length() - 1).trim();
                    StringBuilder labels = new StringBuilder("variant=\"").append(escape(variant))
                            .append("\",component=\"").append(escape(component)).append('"');
                    if (!own.isEmpty() && own.matches("([a-zA-Z_][a-zA-Z0-9_]*=\"[^\"\\\\\\n]*\",?)+")) {
                        labels.append(',').append(own.endsWith(",") ? own.substring(0, own.length() - 1) : own);
                    }
                    byName.computeIfAbsent(name, n -> new StringBuilder()).append(name).append('{').append(labels)
                            .append("} ").append(value == null || value.isNaN() ? "NaN" : value.toString())
                            .append('\n');
                })));
        StringBuilder out = new StringBuilder();
        byName.forEach((name, lines) -> out.append("# TYPE ").append(name).append(' ')
                .append(name.endsWith("_total") ? "counter" : "untyped").append('\n').append(lines));
        return out.toString();
    }

    static String sanitise(String name) {
        String s = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return s.isEmpty() ? "unnamed" : s;
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
