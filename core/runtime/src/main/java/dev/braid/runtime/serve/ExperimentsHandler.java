package dev.braid.runtime.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /admin/experiments}: per variant, share, generation, lists served, clicks and latency. */
record ExperimentsHandler(ServedVariants variants, ServeMetrics metrics, Path feedbackLog) implements Handler {
    private static final String ASSIGNMENT = "sticky per user (hash of the user id)";

    /** How users are assigned, where feedback goes, and each variant's figures. */
    record Experiments(String assignment, String feedbackLog, Map<String, VariantExperiment> variants) {
    }

    /** A variant's share, live generation (null while none) and counters. */
    record VariantExperiment(double share, @JsonInclude(JsonInclude.Include.ALWAYS) Integer generation,
                             @JsonUnwrapped ServeMetrics.VariantStats stats) {
    }

    @Override
    public void handle(Context ctx) {
        Map<String, VariantExperiment> out = new LinkedHashMap<>();
        for (String v : variants.pipelines().keySet()) {
            out.put(v, new VariantExperiment(variants.share(v), variants.liveNumber(v), metrics.variantStats(v)));
        }
        ctx.json(new Experiments(ASSIGNMENT, feedbackLog.toString(), out));
    }
}
