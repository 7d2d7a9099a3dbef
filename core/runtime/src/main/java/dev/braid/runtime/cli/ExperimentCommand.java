package dev.braid.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.evaluation.report.HtmlReport;
import dev.braid.evaluation.report.JsonReport;
import dev.braid.evaluation.report.TerminalTable;
import dev.braid.runtime.config.BraidConfig;
import dev.braid.runtime.pipeline.ExperimentRunner;
import dev.braid.api.io.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * What {@code run} and {@code demo} share: their options, and the run itself: validate, run every variant, print
 * the table, write the reports.
 */
abstract class ExperimentCommand implements Callable<Integer> {
    @Mixin
    RuntimeOptions runtime;

    @Mixin
    ReportOptions reports;

    /** The configuration to run. */
    abstract Path configFile();

    @Override
    public Integer call() throws java.io.IOException {
        return execute(configFile(), runtime, reports, runtime.out());
    }

    private static int execute(Path configFile, RuntimeOptions runtimeOptions, ReportOptions reports,
                               PrintWriter out) throws java.io.IOException {
        try (ConfiguredRun run = ConfiguredRun.start(configFile, runtimeOptions)) {
            BraidConfig config = run.config();
            ExperimentRunner.Validated validated = run.validated();
            Path json = reports.json != null ? reports.json : output(config, "json");
            Path html = reports.html != null ? reports.html : output(config, "html");
            System.err.println("Running " + config.name() + ": " + validated.pipelines().size() + " variant(s)");
            ExperimentRunner.Report report = run.runner().run(validated);
            out.println("Protocol: " + report.protocol().dataset() + "; split " + report.protocol().split()
                    + "; seed " + report.protocol().seed() + "; threshold " + report.protocol().threshold()
                    + "; candidates: " + report.protocol().candidates() + "; ties: " + report.protocol().ties());
            out.print(TerminalTable.render(withCost(report.results()), tableMetrics(report)));
            out.print(TerminalTable.comparisons(report.results(), tableMetrics(report), report.protocol().baseline()));
            out.print(TerminalTable.segments(report.results(), tableMetrics(report).stream()
                    .filter(k -> !k.endsWith(" s")).toList()));
            List<String> timings = new ArrayList<>();
            report.results().forEach(r -> timings.add(String.format("  %-14s %s", r.variant(), r.timings()
                    .entrySet().stream().map(e -> e.getKey() + "=" + String.format("%.2fs", e.getValue())).toList()
                    + "  vectors from cache: " + r.details().get("vectors_from_cache"))));
            out.println("Timings:");
            timings.forEach(out::println);
            List<String> fits = new ArrayList<>();
            report.results().forEach(r -> {
                if (r.details().get("fit_summary") != null) {
                    fits.add(String.format("  %-14s %s  weights %s", r.variant(), r.details().get("fit_summary"),
                            r.details().get("modality_weights")));
                }
            });
            if (!fits.isEmpty()) {
                out.println("Fusion:");
                fits.forEach(out::println);
            }
            List<String> generatorFits = new ArrayList<>();
            report.results().forEach(r -> {
                if (r.details().get("generator_summaries") instanceof java.util.Map<?, ?> m) {
                    m.forEach((name, summary) -> generatorFits.add(String.format("  %-14s %s: %s", r.variant(), name,
                            summary)));
                }
            });
            if (!generatorFits.isEmpty()) {
                out.println("Generators:");
                generatorFits.forEach(out::println);
            }
            if (json != null) {
                AtomicFiles.write(json, o -> o.write(JsonReport.toBytes(report.protocol(), report.results())));
                out.println("JSON report: " + json.toAbsolutePath());
            }
            if (html != null) {
                AtomicFiles.writeString(html, HtmlReport.render(report.protocol(), report.results()));
                out.println("HTML report: " + html.toAbsolutePath());
            }
            out.flush();
            return Main.OK;
        }
    }

    /** Cost columns beside the quality ones: the seconds spent fusing, fitting and evaluating each variant. */
    private static final List<String> COST = List.of("fuse", "fit", "evaluate");

    private static List<dev.braid.evaluation.report.VariantResult> withCost(
            List<dev.braid.evaluation.report.VariantResult> results) {
        List<dev.braid.evaluation.report.VariantResult> out = new ArrayList<>();
        for (var r : results) {
            java.util.Map<String, Double> m = new java.util.LinkedHashMap<>(r.metrics());
            for (String c : COST) {
                m.put(c + " s", r.timings().get(c));
            }
            out.add(new dev.braid.evaluation.report.VariantResult(r.variant(), m, r.timings(), r.modalityCoverage(),
                    r.details(), r.statistics()));
        }
        return out;
    }

    private static List<String> tableMetrics(ExperimentRunner.Report report) {
        List<String> keys = new ArrayList<>();
        for (String m : report.protocol().metrics()) {
            if (m.contains("@") || m.equals("auc")) {
                keys.add(m);
            } else {
                for (int k : report.protocol().ks()) {
                    keys.add(m + "@" + k);
                }
            }
        }
        COST.forEach(c -> keys.add(c + " s"));
        return keys;
    }

    private static Path output(BraidConfig config, String kind) {
        JsonNode o = config.output();
        if (o == null || !o.hasNonNull(kind)) {
            return null;
        }
        return config.baseDir().resolve(o.get(kind).asText()).normalize();
    }
}
