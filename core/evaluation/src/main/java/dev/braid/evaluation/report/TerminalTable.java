package dev.braid.evaluation.report;

import dev.braid.evaluation.stats.PairedTests;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plain-text table of variants by metrics, with aligned columns, for the command line. When the results carry
 * the expected metrics of a random ranking ({@code details.random_expected}), a last row
 * {@code (random, expected)} shows them ("-" for metrics without a closed form). Values that differ significantly
 * from the baseline's carry ▲ or ▼, and results of several seeds show {@code mean±sd} over seeds ({@link PairedTests}); {@link #comparisons} prints the tests themselves.
 */
public final class TerminalTable {
    private TerminalTable() {
    }

    /** Renders every metric key the results carry, in order of first appearance. */
    public static String render(List<VariantResult> results) {
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        for (VariantResult r : results) {
            keys.addAll(r.metrics().keySet());
        }
        return render(results, new ArrayList<>(keys));
    }

    /**
     * Renders one row per variant and one column per metric key; values have four decimals, missing ones show "-".
     * Numbers are right-aligned, the variant column left-aligned; lines end with '\n'.
     */
    public static String render(List<VariantResult> results, List<String> metrics) {
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[metrics.size() + 1];
        header[0] = "variant";
        for (int m = 0; m < metrics.size(); m++) {
            header[m + 1] = metrics.get(m);
        }
        rows.add(header);
        for (VariantResult r : results) {
            String[] row = new String[metrics.size() + 1];
            row[0] = r.variant();
            for (int m = 0; m < metrics.size(); m++) {
                Double v = r.metrics().get(metrics.get(m));
                row[m + 1] = v == null ? "-" : SeedSpread.format(r, metrics.get(m), v, "%.4f") + mark(r, metrics.get(m));
            }
            rows.add(row);
        }
        Map<String, Double> random = RandomLevel.of(results);
        if (!random.isEmpty()) {
            String[] row = new String[metrics.size() + 1];
            row[0] = RandomLevel.LABEL;
            for (int m = 0; m < metrics.size(); m++) {
                Double v = random.get(metrics.get(m));
                row[m + 1] = v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
            }
            rows.add(row);
        }
        return grid(rows, 1);
    }

    /**
     * The paired comparison of every variant with the baseline, one row per variant and metric (those with
     * statistics, in the order given), then the legend; empty when no result carries statistics.
     */
    public static String comparisons(List<VariantResult> results, List<String> metrics, String baseline) {
        List<List<String>> body = ComparisonRows.of(results, metrics);
        if (body.isEmpty()) {
            return "";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(ComparisonRows.HEADER.toArray(String[]::new));
        body.forEach(r -> rows.add(r.toArray(String[]::new)));
        return "Compared with the baseline '" + baseline + "', user by user:\n" + grid(rows, 2)
                + wrap(PairedTests.LEGEND) + "\n";
    }

    /**
     * The warm/cold breakdown ({@code details.segments}): one row per variant and segment with its user count and
     * these metrics (those a segment lacks show "-"); empty when no result has segments.
     */
    public static String segments(List<VariantResult> results, List<String> metrics) {
        List<List<String>> body = Segments.rows(results, metrics, "%.4f");
        if (body.isEmpty()) {
            return "";
        }
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("variant", "segment", "users"));
        header.addAll(metrics);
        rows.add(header.toArray(String[]::new));
        body.forEach(r -> rows.add(r.toArray(String[]::new)));
        return "Warm and cold (users with / without training interactions; relevant items with / without them):\n"
                + grid(rows, 2);
    }

    // A mark column only when some result has statistics, so that the digits stay aligned.
    private static String mark(VariantResult r, String metric) {
        if (r.statistics().isEmpty()) {
            return "";
        }
        String mark = r.mark(metric);
        return mark.isEmpty() ? " " : mark;
    }

    private static String wrap(String text) {
        StringBuilder out = new StringBuilder();
        int lineLength = 0;
        for (String word : text.split(" ")) {
            if (lineLength > 0 && lineLength + 1 + word.length() > 110) {
                out.append('\n');
                lineLength = 0;
            } else if (lineLength > 0) {
                out.append(' ');
                lineLength++;
            }
            out.append(word);
            lineLength += word.length();
        }
        return out.toString();
    }

    /** Aligned columns: the first {@code leftColumns} left-aligned, the others right-aligned; a rule under row 0. */
    private static String grid(List<String[]> rows, int leftColumns) {
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            line(out, rows.get(r), width, leftColumns);
            if (r == 0) {
                String[] rule = new String[width.length];
                for (int c = 0; c < width.length; c++) {
                    rule[c] = "-".repeat(width[c]);
                }
                line(out, rule, width, leftColumns);
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells, int[] width, int leftColumns) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(width[c] - cells[c].length());
            line.append(c < leftColumns ? cells[c] + pad : pad + cells[c]);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
