package dev.braid.runtime.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.braid.runtime.generation.Generation;
import dev.braid.runtime.generation.GenerationManager;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /admin/generations}: per variant, the live generation (components, reuse, timings) and the builds. */
record GenerationsHandler(ServedVariants variants, Path configFile) implements Handler {
    /** The configuration file served and each variant's generations. */
    record Generations(String config, Map<String, VariantGenerations> variants) {
    }

    /** The live generation (absent while none) and every build so far. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VariantGenerations(Live live, List<BuildReport> history) {
    }

    /**
     * A live generation.
     *
     * @param components   "path -> name (bundle version)" per component
     * @param reused       per component, whether it was reused from the previous generation
     * @param itemFailures how many items an encoder failed on
     */
    record Live(int number, String createdAt, List<String> components, Map<String, Boolean> reused,
                Map<String, Double> timings, int itemFailures) {
        static Live of(Generation g) {
            return new Live(g.number(), g.createdAt().toString(), g.describeComponents(), g.reused(), g.timings(),
                    g.failures().size());
        }
    }

    @Override
    public void handle(Context ctx) {
        Map<String, VariantGenerations> out = new LinkedHashMap<>();
        for (String v : variants.pipelines().keySet()) {
            GenerationManager m = variants.generations(v);
            out.put(v, new VariantGenerations(m.live().map(Live::of).orElse(null),
                    m.history().stream().map(BuildReport::of).toList()));
        }
        ctx.json(new Generations(configFile.toString(), out));
    }
}
