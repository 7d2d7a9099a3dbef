package dev.braid.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one protocol run produced: the exact protocol (stamped into the JSON), the measured rows, the published
 * reference figures and the checks against them.
 */
final class BenchReport {
    private final String protocolName;
    private final Map<String, Object> protocol = new LinkedHashMap<>();
    private final List<BenchRow> rows = new ArrayList<>();
    private final Map<String, Object> reference = new LinkedHashMap<>();
    private final List<Map<String, Object>> checks = new ArrayList<>();

    BenchReport(String protocolName) {
        this.protocolName = protocolName;
    }

    BenchReport protocol(String key, Object value) {
        protocol.put(key, value);
        return this;
    }

    BenchReport reference(String key, Object value) {
        reference.put(key, value);
        return this;
    }

    BenchRow add(BenchRow row) {
        rows.add(row);
        return row;
    }

    List<BenchRow> rows() {
        return rows;
    }

    /** Records a check: what is claimed, the measured figure, the bar, and whether it holds. */
    void check(String claim, double measured, double bar, boolean holds) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("claim", claim);
        c.put("measured", measured);
        c.put("bar", bar);
        c.put("holds", holds);
        checks.add(c);
    }

    boolean allHold() {
        return checks.stream().allMatch(c -> Boolean.TRUE.equals(c.get("holds")));
    }

    void write(Path json) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", protocolName);
        root.put("protocol", protocol);
        root.put("reference", reference);
        List<Map<String, Object>> results = new ArrayList<>();
        for (BenchRow r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.name());
            m.put("metrics", r.metrics());
            m.put("fit_seconds", r.fitSeconds());
            m.put("details", r.details());
            results.add(m);
        }
        root.put("results", results);
        root.put("checks", checks);
        root.put("java", System.getProperty("java.version"));
        root.put("processors", Runtime.getRuntime().availableProcessors());
        try {
            Path dir = json.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, json.getFileName().toString(), ".tmp");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), root);
            Files.move(tmp, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + json + ": " + e.getMessage(), e);
        }
    }

    void print(PrintWriter out) {
        out.printf(Locale.ROOT, "== %s ==%n", protocolName);
        protocol.forEach((k, v) -> out.printf(Locale.ROOT, "  %s: %s%n", k, v));
        out.printf(Locale.ROOT, "%-34s %9s %9s %9s %9s %8s %9s %s%n", "model", "ndcg@10", "recall@10", "prec@10",
                "map@10", "auc", "fit s", "details");
        for (BenchRow r : rows) {
            Map<String, Double> m = r.metrics();
            out.printf(Locale.ROOT, "%-34s %9.4f %9.4f %9.4f %9.4f %8.4f %9.2f %s%n", r.name(),
                    m.getOrDefault("ndcg@10", Double.NaN), m.getOrDefault("recall@10", Double.NaN),
                    m.getOrDefault("precision@10", Double.NaN), m.getOrDefault("map@10", Double.NaN),
                    m.getOrDefault("auc", Double.NaN), r.fitSeconds(), r.details());
        }
        for (Map<String, Object> c : checks) {
            out.printf(Locale.ROOT, "  [%s] %s: measured %.4f, bar %.4f%n",
                    Boolean.TRUE.equals(c.get("holds")) ? "PASS" : "FAIL", c.get("claim"), c.get("measured"),
                    c.get("bar"));
        }
        out.flush();
    }
}
