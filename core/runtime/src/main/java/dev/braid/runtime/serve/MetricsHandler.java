package dev.braid.runtime.serve;

import dev.braid.runtime.generation.Generation;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /metrics}: Prometheus text, the server's meters and the counters the plugins report. */
record MetricsHandler(ServedVariants variants, ServeMetrics metrics) implements Handler {
    @Override
    public void handle(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.scrape() + PluginMetrics.scrape(pluginMeasurements()));
    }

    /** Per variant, the counters the live generation's generators report (none while a variant has no live one). */
    private Map<String, Map<String, Map<String, Double>>> pluginMeasurements() {
        Map<String, Map<String, Map<String, Double>>> out = new LinkedHashMap<>();
        for (String v : variants.pipelines().keySet()) {
            try {
                out.put(v, variants.generations(v).call(Generation::measurements));
            } catch (IllegalStateException noLiveGeneration) {
                // nothing to report for this variant
            }
        }
        return out;
    }
}
