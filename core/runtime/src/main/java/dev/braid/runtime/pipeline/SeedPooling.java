package dev.braid.runtime.pipeline;

import dev.braid.evaluation.UserMetrics;
import dev.braid.evaluation.report.Protocol;
import dev.braid.evaluation.report.VariantResult;
import java.util.ArrayList;
import org.apache.commons.math3.stat.StatUtils;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines the runs of {@code evaluation.seeds} (one split and one training per seed) into one report: each metric
 * is the mean over seeds, with its sample standard deviation over seeds in {@code details.metrics_sd} and the
 * per-seed values in {@code details.metrics_per_seed}. The paired tests pool the per-user values of all seeds, a
 * user of seed s counting as the pair (s, user): the tests then cover the variation over users and splits, and
 * treat the seeds' users as independent. Warm/cold segments are averaged over seeds (their user counts too).
 */
final class SeedPooling {
    private SeedPooling() {
    }

    static ExperimentRunner.Report pool(List<ExperimentRunner.SeedRun> runs, List<Long> seeds, String baseline) {
        Protocol first = runs.get(0).protocol();
        Map<String, Object> split = new LinkedHashMap<>(first.split());
        split.remove("seed");
        split.put("seeds", seeds);
        split.put("statistics", "mean and sd over seeds; paired tests pool the users of all seeds as (seed, user)");
        Protocol protocol = new Protocol(first.dataset(), split, first.seed(), first.threshold(), first.ks(),
                first.candidates(), first.metrics(), "random (the seed of each run)", baseline);
        int variants = runs.get(0).results().size();
        List<VariantResult> results = new ArrayList<>();
        List<UserMetrics> perUser = new ArrayList<>();
        for (int i = 0; i < variants; i++) {
            List<VariantResult> bySeed = new ArrayList<>();
            List<UserMetrics> usersBySeed = new ArrayList<>();
            for (ExperimentRunner.SeedRun run : runs) {
                bySeed.add(run.results().get(i));
                usersBySeed.add(run.perUser().get(i));
            }
            results.add(combine(bySeed, seeds));
            perUser.add(pooledUsers(usersBySeed, seeds));
        }
        return new ExperimentRunner.Report(protocol, ExperimentRunner.withStatistics(results, perUser, baseline));
    }

    private static VariantResult combine(List<VariantResult> bySeed, List<Long> seeds) {
        VariantResult first = bySeed.get(0);
        Map<String, Double> mean = new LinkedHashMap<>();
        Map<String, Double> sd = new LinkedHashMap<>();
        for (String key : first.metrics().keySet()) {
            double[] values = bySeed.stream().mapToDouble(r -> value(r.metrics(), key)).toArray();
            mean.put(key, mean(values));
            sd.put(key, sd(values));
        }
        Map<String, Double> timings = new LinkedHashMap<>();
        for (String key : first.timings().keySet()) {
            timings.put(key, mean(bySeed.stream().mapToDouble(r -> value(r.timings(), key)).toArray()));
        }
        Map<String, Object> details = new LinkedHashMap<>(first.details());
        details.put("seeds", seeds);
        details.put("metrics_sd", sd);
        List<Map<String, Double>> perSeed = bySeed.stream().map(VariantResult::metrics).toList();
        details.put("metrics_per_seed", perSeed);
        details.put("users_evaluated", bySeed.stream().map(r -> r.details().get("users_evaluated")).toList());
        Map<String, Double> random = new LinkedHashMap<>();
        if (first.details().get("random_expected") instanceof Map<?, ?> r0) {
            for (Object key : r0.keySet()) {
                random.put(String.valueOf(key), mean(bySeed.stream().mapToDouble(r -> r.details()
                        .get("random_expected") instanceof Map<?, ?> m && m.get(key) instanceof Number n
                        ? n.doubleValue() : Double.NaN).toArray()));
            }
        }
        details.put("random_expected", random);
        details.remove("segments");
        Map<String, Map<String, Double>> segments = segments(bySeed);
        if (!segments.isEmpty()) {
            details.put("segments", segments);
        }
        return new VariantResult(first.variant(), mean, timings, first.modalityCoverage(), details);
    }

    /** Each segment that every seed has, its values averaged over seeds (its user count too). */
    private static Map<String, Map<String, Double>> segments(List<VariantResult> bySeed) {
        List<Map<?, ?>> all = new ArrayList<>();
        for (VariantResult r : bySeed) {
            if (!(r.details().get("segments") instanceof Map<?, ?> m)) {
                return Map.of();
            }
            all.add(m);
        }
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (Object name : all.get(0).keySet()) {
            if (!all.stream().allMatch(m -> m.get(name) instanceof Map<?, ?>)) {
                continue;
            }
            Map<String, Double> mean = new LinkedHashMap<>();
            for (Object key : ((Map<?, ?>) all.get(0).get(name)).keySet()) {
                mean.put(String.valueOf(key), mean(all.stream().mapToDouble(m -> ((Map<?, ?>) m.get(name)).get(key)
                        instanceof Number n ? n.doubleValue() : Double.NaN).toArray()));
            }
            out.put(String.valueOf(name), mean);
        }
        return out;
    }

    private static UserMetrics pooledUsers(List<UserMetrics> bySeed, List<Long> seeds) {
        List<String> users = new ArrayList<>();
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (int s = 0; s < bySeed.size(); s++) {
            UserMetrics m = bySeed.get(s);
            for (String u : m.users()) {
                users.add(seeds.get(s) + "/" + u);
            }
            for (Map.Entry<String, double[]> e : m.values().entrySet()) {
                List<Double> column = values.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                for (double v : e.getValue()) {
                    column.add(v);
                }
            }
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v.size() == users.size()) { // a metric every seed measured
                out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray());
            }
        });
        return new UserMetrics(users, out);
    }

    private static double value(Map<String, Double> map, String key) {
        Double v = map.get(key);
        return v == null ? Double.NaN : v;
    }

    private static double mean(double[] values) {
        return StatUtils.mean(values);
    }

    /** Sample standard deviation (n - 1); NaN for a single value. */
    private static double sd(double[] values) {
        return values.length < 2 ? Double.NaN : Math.sqrt(StatUtils.variance(values));
    }
}
