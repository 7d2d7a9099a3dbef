package dev.braid.evaluation.stats;

import dev.braid.evaluation.UserMetrics;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@link MetricStatistics} of a variant from its per-user values and the baseline's, paired by user id. */
public final class Comparisons {
    private Comparisons() {
    }

    /**
     * The statistics of every metric the variant has per user, in its order. With a baseline, each metric the
     * baseline also has is compared over the users both evaluated; pass null for the baseline itself.
     */
    public static Map<String, MetricStatistics> of(UserMetrics variant, UserMetrics baseline) {
        Map<String, Integer> baselineIndex = new HashMap<>();
        int[] pairs = new int[0];
        if (baseline != null) {
            List<String> users = baseline.users();
            for (int i = 0; i < users.size(); i++) {
                baselineIndex.put(users.get(i), i);
            }
            pairs = new int[variant.users().size()];
            for (int i = 0; i < pairs.length; i++) {
                pairs[i] = baselineIndex.getOrDefault(variant.users().get(i), -1);
            }
        }
        Map<String, MetricStatistics> out = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : variant.values().entrySet()) {
            double[] v = e.getValue();
            MeanInterval interval = PairedTests.meanInterval(v);
            PairedComparison comparison = null;
            if (baseline != null && baseline.values().containsKey(e.getKey())) {
                double[] b = baseline.values().get(e.getKey());
                double[] x = new double[v.length];
                double[] y = new double[v.length];
                int n = 0;
                for (int i = 0; i < v.length; i++) {
                    if (pairs[i] >= 0) {
                        x[n] = v[i];
                        y[n] = b[pairs[i]];
                        n++;
                    }
                }
                comparison = PairedTests.compare(java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n));
            }
            out.put(e.getKey(), new MetricStatistics(interval, comparison));
        }
        return out;
    }
}
