package dev.braid.evaluation.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plain-text table of variants by metrics, with aligned columns, for the command line. When the results carry
 * the expected metrics of a random ranking ({@code details.random_expected}), a last row
 * {@code (random, expected)} shows them ("-" for metrics without a closed form).
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
                row[m + 1] = v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
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
        int[] width = new int[header.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            line(out, rows.get(r), width);
            if (r == 0) {
                String[] rule = new String[width.length];
                for (int c = 0; c < width.length; c++) {
                    rule[c] = "-".repeat(width[c]);
                }
                line(out, rule, width);
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(width[c] - cells[c].length());
            line.append(c == 0 ? cells[c] + pad : pad + cells[c]);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
