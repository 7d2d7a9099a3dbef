package dev.braid.runtime.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.braid.runtime.generation.GenerationManager;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /health}: 200 when every variant has a live generation, 503 otherwise. */
record HealthHandler(ServedVariants variants) implements Handler {
    /** Up or down, and each variant's state. */
    record Health(String status, Map<String, VariantHealth> variants) {
    }

    /**
     * A variant's share, live generation (null while none) and last build.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VariantHealth(double share, @JsonInclude(JsonInclude.Include.ALWAYS) Integer generation,
                         BuildReport lastBuild) {
    }

    @Override
    public void handle(Context ctx) {
        Map<String, VariantHealth> out = new LinkedHashMap<>();
        boolean up = true;
        for (String v : variants.pipelines().keySet()) {
            GenerationManager m = variants.generations(v);
            out.put(v, new VariantHealth(variants.share(v), variants.liveNumber(v),
                    m.lastOutcome().map(BuildReport::of).orElse(null)));
            up &= m.live().isPresent();
        }
        ctx.status(up ? 200 : 503).json(new Health(up ? "up" : "down", out));
    }
}
