package dev.braid.evaluation.report;

import dev.braid.evaluation.stats.PairedTests;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes one self-contained HTML page: the protocol, a results table (the best value of each metric in bold, ▲/▼
 * where a variant differs significantly from the baseline), the paired comparisons with the baseline,
 * timings and modality coverage tables, and bar charts drawn with XChart and embedded as base64 PNG images: one
 * chart per metric measured at K (K on the axis, one bar per variant), one for metrics without K (such as AUC), one
 * for per-modality coverage and one for timings. Charts are drawn headless. The file is written atomically.
 */
public final class HtmlReport {
    private static final int WIDTH = 760;
    private static final int HEIGHT = 380;

    static {
        // Charts are drawn off-screen; without this, AWT may look for a display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private HtmlReport() {
    }

    /** The report as an HTML string. */
    public static String render(Protocol protocol, List<VariantResult> results) {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Braid evaluation: ")
                .append(esc(protocol.dataset())).append("</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;"
                        + "margin:1em 0}th,td{border:1px solid #ccc;padding:4px 8px}td.num{text-align:right;"
                        + "font-variant-numeric:tabular-nums}th{background:#f2f2f2}img{display:block;"
                        + "margin:1em 0;max-width:100%}")
                .append("</style></head><body>\n<h1>Braid evaluation: ").append(esc(protocol.dataset()))
                .append("</h1>\n");
        protocolTable(html, protocol);

        List<String> metricKeys = keys(results, VariantResult::metrics);
        html.append("<h2>Results</h2>\n");
        table(html, results, metricKeys, VariantResult::metrics, true, "%.4f");
        // The comparisons cover the metrics the protocol names (all of them when it names none).
        List<String> compared = metricKeys.stream().filter(k -> protocol.metrics().isEmpty()
                || protocol.metrics().contains(k) || protocol.metrics().contains(k.replaceAll("@.*", ""))).toList();
        List<List<String>> comparisons = ComparisonRows.of(results, compared);
        if (!comparisons.isEmpty()) {
            html.append("<h2>Compared with the baseline</h2>\n<p>Baseline: <b>").append(esc(protocol.baseline()))
                    .append("</b>. ").append(esc(PairedTests.LEGEND)).append("</p>\n<table>\n<tr>");
            ComparisonRows.HEADER.forEach(h -> html.append("<th>").append(esc(h)).append("</th>"));
            html.append("</tr>\n");
            for (List<String> row : comparisons) {
                html.append("<tr>");
                for (int c = 0; c < row.size(); c++) {
                    html.append(c < 2 ? "<td>" : "<td class=\"num\">").append(esc(row.get(c))).append("</td>");
                }
                html.append("</tr>\n");
            }
            html.append("</table>\n");
        }
        List<List<String>> segments = Segments.rows(results, compared, "%.4f");
        if (!segments.isEmpty()) {
            html.append("<h2>Warm and cold</h2>\n<p>Warm/cold users: with/without training interactions. "
                    + "Warm/cold items: each user's relevant items with/without training interactions, the other "
                    + "relevant items taken out of that user's ranking.</p>\n<table>\n<tr><th>variant</th>"
                    + "<th>segment</th><th>users</th>");
            compared.forEach(h -> html.append("<th>").append(esc(h)).append("</th>"));
            html.append("</tr>\n");
            for (List<String> row : segments) {
                html.append("<tr>");
                for (int c = 0; c < row.size(); c++) {
                    html.append(c < 2 ? "<td>" : "<td class=\"num\">").append(esc(row.get(c))).append("</td>");
                }
                html.append("</tr>\n");
            }
            html.append("</table>\n");
        }
        List<String> modalities = keys(results, VariantResult::modalityCoverage);
        if (!modalities.isEmpty()) {
            html.append("<h2>Modality coverage</h2>\n<p>Share of items with a vector per modality.</p>\n");
            table(html, results, modalities, VariantResult::modalityCoverage, false, "%.3f");
        }
        List<String> phases = keys(results, VariantResult::timings);
        if (!phases.isEmpty()) {
            html.append("<h2>Timings (seconds)</h2>\n");
            table(html, results, phases, VariantResult::timings, false, "%.2f");
        }

        html.append("<h2>Charts</h2>\n<p>Missing values are drawn as 0; the tables above are authoritative.</p>\n");
        Map<String, List<String>> families = new LinkedHashMap<>();
        List<String> withoutK = new ArrayList<>();
        for (String key : metricKeys) {
            int at = key.indexOf('@');
            if (at > 0) {
                families.computeIfAbsent(key.substring(0, at), f -> new ArrayList<>()).add(key);
            } else {
                withoutK.add(key);
            }
        }
        families.forEach((family, keys) -> {
            keys.sort(Comparator.comparingInt(HtmlReport::cutoff).thenComparing(Comparator.naturalOrder()));
            List<String> labels = keys.stream().map(k -> k.substring(k.indexOf('@'))).toList();
            image(html, chart(family.toUpperCase(Locale.ROOT) + " at K", "K", family, results, keys, labels,
                    VariantResult::metrics));
        });
        if (!withoutK.isEmpty()) {
            image(html, chart("Metrics without K", "metric", "value", results, withoutK, withoutK,
                    VariantResult::metrics));
        }
        if (!modalities.isEmpty()) {
            image(html, chart("Modality coverage", "modality", "share of items", results, modalities, modalities,
                    VariantResult::modalityCoverage));
        }
        if (!phases.isEmpty()) {
            image(html, chart("Timings", "phase", "seconds", results, phases, phases, VariantResult::timings));
        }
        html.append("</body></html>\n");
        return html.toString();
    }

    private static void protocolTable(StringBuilder html, Protocol p) {
        html.append("<h2>Protocol</h2>\n<table>\n");
        row(html, "dataset", p.dataset());
        p.split().forEach((k, v) -> row(html, "split." + k, String.valueOf(v)));
        row(html, "seed", Long.toString(p.seed()));
        row(html, "rating threshold", Double.isNaN(p.threshold()) ? "none" : Double.toString(p.threshold()));
        row(html, "K", p.ks().toString());
        row(html, "candidates", p.candidates());
        row(html, "ties", p.ties());
        if (!p.baseline().isEmpty()) {
            row(html, "baseline", p.baseline());
        }
        row(html, "metrics", String.join(", ", p.metrics()));
        html.append("</table>\n");
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(esc(name)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    private static void table(StringBuilder html, List<VariantResult> results, List<String> columns,
                              Function<VariantResult, Map<String, Double>> values, boolean boldBest, String format) {
        html.append("<table>\n<tr><th>variant</th>");
        for (String c : columns) {
            html.append("<th>").append(esc(c)).append("</th>");
        }
        html.append("</tr>\n");
        for (VariantResult r : results) {
            html.append("<tr><td>").append(esc(r.variant())).append("</td>");
            for (String c : columns) {
                Double v = values.apply(r).get(c);
                boolean best = boldBest && v != null && !v.isNaN() && v.equals(best(results, c, values));
                html.append("<td class=\"num\">").append(best ? "<b>" : "")
                        .append(v == null ? "-" : boldBest ? SeedSpread.format(r, c, v, format)
                                : String.format(Locale.ROOT, format, v))
                        .append(best ? "</b>" : "").append(boldBest ? esc(r.mark(c)) : "").append("</td>");
            }
            html.append("</tr>\n");
        }
        Map<String, Double> random = boldBest ? RandomLevel.of(results) : Map.of();
        if (!random.isEmpty()) {
            html.append("<tr><td><i>").append(esc(RandomLevel.LABEL)).append("</i></td>");
            for (String c : columns) {
                Double v = random.get(c);
                html.append("<td class=\"num\"><i>").append(v == null ? "-" : String.format(Locale.ROOT, format, v))
                        .append("</i></td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static Double best(List<VariantResult> results, String column,
                               Function<VariantResult, Map<String, Double>> values) {
        Double best = null;
        for (VariantResult r : results) {
            Double v = values.apply(r).get(column);
            if (v != null && !v.isNaN() && (best == null || v > best)) {
                best = v;
            }
        }
        return best;
    }

    private static CategoryChart chart(String title, String xTitle, String yTitle, List<VariantResult> results,
                                       List<String> keys, List<String> labels,
                                       Function<VariantResult, Map<String, Double>> values) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisDecimalPattern("#0.###");
        Set<String> used = new LinkedHashSet<>();
        for (VariantResult r : results) {
            List<Double> ys = new ArrayList<>(keys.size());
            for (String key : keys) {
                Double v = values.apply(r).get(key);
                ys.add(v == null || !Double.isFinite(v) ? 0.0 : v);
            }
            // XChart needs unique series names; repeated variant names get a suffix.
            String name = r.variant();
            for (int i = 2; !used.add(name); i++) {
                name = r.variant() + " (" + i + ")";
            }
            chart.addSeries(name, labels, ys);
        }
        return chart;
    }

    private static void image(StringBuilder html, CategoryChart chart) {
        if (chart.getSeriesMap().isEmpty()) {
            return;
        }
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            html.append("<img alt=\"").append(esc(chart.getTitle())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png)).append("\">\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the chart '" + chart.getTitle() + "': " + e.getMessage(), e);
        }
    }

    private static List<String> keys(List<VariantResult> results, Function<VariantResult, Map<String, Double>> map) {
        Set<String> keys = new LinkedHashSet<>();
        for (VariantResult r : results) {
            keys.addAll(map.apply(r).keySet());
        }
        return new ArrayList<>(keys);
    }

    private static int cutoff(String key) {
        try {
            return Integer.parseInt(key.substring(key.indexOf('@') + 1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
