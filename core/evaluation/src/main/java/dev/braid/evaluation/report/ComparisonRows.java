package dev.braid.evaluation.report;

import dev.braid.evaluation.stats.MeanInterval;
import dev.braid.evaluation.stats.MetricStatistics;
import dev.braid.evaluation.stats.PairedComparison;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rows of the comparison table that the terminal and HTML reports share: per variant and metric, the mean with
 * its 95% interval, and against the baseline the mean and relative difference, the interval of the difference, the
 * two p-values and the significance mark. The baseline's rows carry only its mean and interval.
 */
final class ComparisonRows {
    static final List<String> HEADER = List.of("variant", "metric", "mean", "95% CI", "diff", "rel", "95% CI diff",
            "p t-test", "p Wilcoxon", "");

    private ComparisonRows() {
    }

    /** One row per (variant, metric) with statistics, variants in order; empty when no result has any. */
    static List<List<String>> of(List<VariantResult> results, List<String> metrics) {
        List<List<String>> rows = new ArrayList<>();
        for (VariantResult r : results) {
            for (String metric : metrics) {
                MetricStatistics s = r.statistics().get(metric);
                if (s == null) {
                    continue;
                }
                List<String> row = new ArrayList<>(HEADER.size());
                MeanInterval m = s.interval();
                row.add(r.variant());
                row.add(metric);
                row.add(num(m.mean()));
                row.add(interval(m.low(), m.high()));
                PairedComparison c = s.vsBaseline();
                if (c == null) {
                    row.addAll(List.of("baseline", "", "", "", "", ""));
                } else {
                    row.add(Double.isNaN(c.meanDifference()) ? "-"
                            : String.format(Locale.ROOT, "%+.4f", c.meanDifference()));
                    row.add(Double.isFinite(c.relativeDifference())
                            ? String.format(Locale.ROOT, "%+.1f%%", 100 * c.relativeDifference()) : "-");
                    row.add(interval(c.low(), c.high()));
                    row.add(p(c.tTestP()));
                    row.add(p(c.wilcoxonP()));
                    row.add(c.verdict().mark());
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String interval(double low, double high) {
        return Double.isNaN(low) ? "-" : String.format(Locale.ROOT, "[%.4f, %.4f]", low, high);
    }

    private static String p(double p) {
        if (Double.isNaN(p)) {
            return "-";
        }
        return p < 1e-4 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }
}
