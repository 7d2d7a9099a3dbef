package dev.braid.spark.bench;

import dev.braid.api.component.ProgressListener;
import dev.braid.evaluation.report.VariantResult;
import dev.braid.runtime.BraidHome;
import dev.braid.runtime.BraidRuntime;
import dev.braid.runtime.config.BraidConfig;
import dev.braid.runtime.pipeline.CatalogEncoding;
import dev.braid.runtime.pipeline.ExperimentRunner;
import dev.braid.spark.LoopbackSparkCluster;
import dev.braid.spark.SparkBenchAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmarks of the Spark job (not tests; the machine is shared and noisy: medians of alternating runs).
 * <pre>
 * SparkBench encode ITEMS RUNS [PARTITIONS]  # BraidJob encode (local[2]) vs braid encode's code (same JVM), same catalog
 * SparkBench als ML100K_DIR [RANK,ITERATIONS,REG,ALPHA]  # ALS (Spark) vs BPR (braid run), MovieLens-100k
 * SparkBench als-tune ML100K_DIR [REG:ALPHA;REG:ALPHA;...]  # ALS chosen on validation, then as "als" on the test split
 * SparkBench topk USERS ITEMS DIM K [MASTER [RUNS [BACKEND]]]  # exact batch top-K: per-user vs blocked, alternating;
 *                                                            # MASTER cluster: the loopback standalone cluster of
 *                                                            # the integration test (2 workers x 1 core)
 * SparkBench als-synthetic USERS ITEMS PER_USER RANK ITERATIONS  # ALS time per iteration on random data, local[2]
 * </pre>
 */
public final class SparkBench {
    private SparkBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "encode" -> encode(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                    args.length > 3 ? Integer.parseInt(args[3]) : 4);
            case "als" -> als(Path.of(args[1]).toAbsolutePath(), args.length > 2 ? args[2] : "64,15,0.05,10");
            case "als-tune" -> alsTune(Path.of(args[1]).toAbsolutePath(),
                    args.length > 2 ? args[2] : "0.1:1;0.1:5;0.1:20;1:1;1:5;1:20");
            case "topk" -> topk(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), args.length > 5 ? args[5] : "local[*]",
                    args.length > 6 ? Integer.parseInt(args[6]) : 1, args.length > 7 ? args[7] : "vector");
            case "als-synthetic" -> alsSynthetic(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                    Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("encode | als | topk | als-synthetic");
        }
    }

    static SparkSession spark(String master) {
        return SparkSession.builder().master(master).appName("braid-bench").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    }

    /**
     * Same catalog, same JVM, alternating: BraidJob's encode stage in {@code local[2]} ({@code partitions} tasks of
     * one single-threaded model call each, {@code spark.batchSize} 64 items per encoder call) and braid encode's code
     * ({@code CatalogEncoding}: calls of 64 items on one thread per core, each split into model batches of 32 run one
     * per core). The model batch (32 texts, grouped by length inside the call) is the same in both.
     */
    private static void encode(int items, int runs, int partitions) throws Exception {
        Path dir = Files.createTempDirectory("braid-bench-encode");
        Path config = SparkBenchAccess.catalog(dir, items, items / 4, """
                encoders: {text: {name: minilm, parallelCalls: 1, threads: 1}}
                generators: [content-profile]
                """, "spark: {partitions: " + partitions + ", batchSize: 64, cache: " + dir.resolve("executor-cache")
                + "}\n");
        Path single = dir.resolve("single.yaml");
        // braid encode on one JVM: its defaults (one single-threaded model call per core, here 2).
        Files.writeString(single, Files.readString(config).replace("{name: minilm, parallelCalls: 1, threads: 1}",
                "{name: minilm}"));
        SparkSession spark = spark("local[2]");
        List<Double> sparkRates = new ArrayList<>();
        List<Double> localRates = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> sparkCpu = new ArrayList<>();
        List<Double> localCpu = new ArrayList<>();
        System.out.println("load before: " + load());
        try (BraidRuntime rt = BraidRuntime.onClassPath(new BraidHome(dir, dir.resolve("cache")),
                SparkBench.class.getClassLoader())) {
            SparkBenchAccess.warm(spark, config, dir.resolve("warm").toString());
            for (int r = 0; r < runs; r++) {
                double c0 = cpuSeconds();
                double s = SparkBenchAccess.encodeSeconds(spark, config, dir.resolve("spark-" + r).toString());
                double sc = cpuSeconds() - c0;
                sparkRates.add(items / s);
                sparkCpu.add(sc / items * 1000);
                deleteTree(dir.resolve("cache").resolve("vectors"));
                long t0 = System.nanoTime();
                c0 = cpuSeconds();
                ExperimentRunner.Validated v = new ExperimentRunner(rt, ProgressListener.NONE)
                        .validate(BraidConfig.load(single));
                new CatalogEncoding(rt, ProgressListener.NONE).run(v, dir.resolve("single-" + r));
                double l = (System.nanoTime() - t0) / 1e9;
                double lc = cpuSeconds() - c0;
                localRates.add(items / l);
                localCpu.add(lc / items * 1000);
                ratios.add(l / s);
                System.out.printf(Locale.ROOT, "run %d: spark %.1f items/s (%.2f CPU ms per item), braid encode %.1f "
                        + "items/s (%.2f CPU ms per item), ratio %.3f (load %s)%n", r, items / s, sc / items * 1000,
                        items / l, lc / items * 1000, l / s, load());
            }
        } finally {
            spark.stop();
        }
        double sm = median(sparkRates);
        double lm = median(localRates);
        System.out.printf(Locale.ROOT, "encode %d items, 2 cores, %d partitions: spark local[2] median %.1f items/s "
                + "(%.1f per core), braid encode median %.1f items/s (%.1f per core); ratio of medians %.3f, median of "
                + "per-run ratios %.3f %s%n", items, partitions, sm, sm / 2, lm, lm / 2, sm / lm, median(ratios),
                ratios);
        // CPU time of the whole process (every thread) per item: on a shared machine it moves far less than the
        // wall clock, and the sides never overlap. Its ratio counts Spark's own work, not its waiting.
        System.out.printf(Locale.ROOT, "process CPU per item: spark median %.2f ms, braid encode median %.2f ms; "
                + "braid/spark %.3f%n", median(sparkCpu), median(localCpu), median(localCpu) / median(sparkCpu));
        System.out.println("load after: " + load());
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static String load() throws java.io.IOException {
        Path p = Path.of("/proc/loadavg");
        return Files.exists(p) ? Files.readString(p).trim() : "n/a";
    }

    /**
     * ALS tuned on validation (protocol of {@link SparkBenchAccess#alsTune}: 10% of each user's training positives,
     * seeded, held out of the movielens-100k-cornac training split; rank 64 and 15 iterations fixed; the grid over
     * regParam and alpha), then the chosen setting trained on the whole training split and measured on the test split
     * against BPR exactly as {@code als} does.
     */
    private static void alsTune(Path ml100k, String gridText) throws Exception {
        String[] settings = gridText.split(";");
        double[][] grid = new double[settings.length][];
        for (int i = 0; i < settings.length; i++) {
            String[] g = settings[i].split(":");
            grid[i] = new double[] {Double.parseDouble(g[0]), Double.parseDouble(g[1])};
        }
        Path dir = Files.createTempDirectory("braid-bench-als-tune");
        Path config = alsConfig(dir, ml100k, "64,15,0.1,1".split(","));
        double[] best;
        SparkSession spark = spark("local[2]");
        try {
            best = SparkBenchAccess.alsTune(spark, config, dir.resolve("tune").toString(), grid, 0.1);
        } finally {
            spark.stop();
        }
        System.out.printf(Locale.ROOT, "als-tune: chosen on validation: regParam %s, alpha %s%n", best[0], best[1]);
        als(ml100k, "64,15," + best[0] + "," + best[1]);
    }

    private static Path alsConfig(Path dir, Path ml100k, String[] p) throws Exception {
        Path config = dir.resolve("als.yaml");
        Files.writeString(config, """
                name: als-vs-bpr
                dataset: {type: movielens, path: %s}
                generators: [{name: als, rank: %s, iterations: %s, regParam: %s, alpha: %s, seed: 42, model: out/als-split.model}]
                variants:
                  - {name: als}
                  - {name: bpr, generators: [{name: bpr, factors: 64, epochs: 100, learningRate: 0.05, regularization: 0.01, validationShare: 0}]}
                evaluation: {split: {type: random, ratio: 0.8}, threshold: 4, k: [10, 20], seed: 42}
                spark: {partitions: 2, cache: %s}
                """.formatted(ml100k, p[0], p[1], p[2], p[3], dir.resolve("cache")));
        return config;
    }

    private static void als(Path ml100k, String params) throws Exception {
        String[] p = params.split(",");
        Path dir = Files.createTempDirectory("braid-bench-als");
        Path config = alsConfig(dir, ml100k, p);
        SparkSession spark = spark("local[2]");
        double[] alsFit;
        java.util.Map<String, Double> alsMetrics;
        try {
            var e = SparkBenchAccess.evaluate(spark, config, dir.resolve("out").toString());
            alsFit = new double[] {e[0], e[1]};
            alsMetrics = SparkBenchAccess.lastMetrics();
        } finally {
            spark.stop();
        }
        try (BraidRuntime rt = BraidRuntime.onClassPath(new BraidHome(dir, dir.resolve("cache")),
                SparkBench.class.getClassLoader())) {
            ExperimentRunner runner = new ExperimentRunner(rt, ProgressListener.NONE);
            ExperimentRunner.Report report = runner.run(runner.validate(BraidConfig.load(config)));
            for (VariantResult r : report.results()) {
                System.out.printf(Locale.ROOT, "braid run %s: ndcg@10 %.4f recall@10 %.4f timings %s%n",
                        r.variant(), r.metrics().get("ndcg@10"), r.metrics().get("recall@10"), r.timings());
            }
            VariantResult bpr = report.results().get(1);
            double bprEpoch = bpr.timings().getOrDefault("fit", Double.NaN) / 100;
            System.out.printf(Locale.ROOT, "ALS " + params + " (Spark local[2]) ndcg@10 %.4f, fit %.2f s, %.3f s per "
                            + "iteration; BPR (braid run) ndcg@10 %.4f, %.3f s per epoch; ALS/BPR ndcg %.3f%n",
                    alsMetrics.get("ndcg@10"), alsFit[0], alsFit[1], bpr.metrics().get("ndcg@10"), bprEpoch,
                    alsMetrics.get("ndcg@10") / bpr.metrics().get("ndcg@10"));
        }
    }

    /**
     * Per-user scoring (the former path) and blocked scoring (the stage's path) alternate RUNS times in one session;
     * prints each run and the medians. USERS = 0 skips the per-user path and times the blocked one only.
     */
    private static void topk(int users, int items, int dim, int k, String master, int runs, String backend)
            throws Exception {
        if ("cluster".equals(master)) {
            // The integration test's cluster: two workers of one core each (the machine's two cores), executors in
            // JVMs of their own, the driver in this JVM.
            Path dir = Files.createTempDirectory("braid-bench-cluster");
            try (LoopbackSparkCluster cluster = LoopbackSparkCluster.start(dir, 2, 1, "2g")) {
                topk(cluster.session("braid-bench", "1536m"), users, items, dim, k, cluster.master(), runs, backend);
            }
            return;
        }
        topk(spark(master), users, items, dim, k, master, runs, backend);
    }

    private static void topk(SparkSession spark, int users, int items, int dim, int k, String master, int runs,
                             String backend) {
        try {
            List<Double> perUser = new ArrayList<>();
            List<Double> blocked = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                double b = SparkBenchAccess.topk(spark, users, items, dim, k, true, backend);
                blocked.add(b);
                System.out.printf(Locale.ROOT, "run %d blocked (%s): top-%d for %d users x %d items (dim %d) on %s: "
                        + "%.1f s, %.0f users/s%n", run + 1, backend, k, users, items, dim, master, b, users / b);
                if (users <= 200_000) {
                    double p = SparkBenchAccess.topk(spark, users, items, dim, k, false, backend);
                    perUser.add(p);
                    System.out.printf(Locale.ROOT, "run %d per-user: %.1f s, %.0f users/s%n", run + 1, p, users / p);
                }
            }
            double mb = median(blocked);
            if (perUser.isEmpty()) {
                System.out.printf(Locale.ROOT, "median blocked %.1f s (%.0f users/s)%n", mb, users / mb);
            } else {
                double mp = median(perUser);
                System.out.printf(Locale.ROOT, "median blocked %.1f s (%.0f users/s), per-user %.1f s (%.0f users/s): "
                        + "blocked/per-user speed %.2fx%n", mb, users / mb, mp, users / mp, mp / mb);
            }
        } finally {
            spark.stop();
        }
    }

    private static void alsSynthetic(int users, int items, int perUser, int rank, int iterations) {
        SparkSession spark = spark("local[2]");
        try {
            double[] r = SparkBenchAccess.alsSynthetic(spark, users, items, perUser, rank, iterations);
            long nnz = (long) users * perUser;
            System.out.printf(Locale.ROOT, "als synthetic: %d users, %d items, %d interactions, rank %d: fit %.1f s, "
                    + "%.2f s per iteration, %.3g interaction-rank^2 per second per core (2 cores)%n", users, items,
                    nnz, rank, r[0], r[1], nnz * (double) rank * rank / r[1] / 2);
        } finally {
            spark.stop();
        }
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static void deleteTree(Path p) throws Exception {
        if (!Files.exists(p)) {
            return;
        }
        try (var w = Files.walk(p)) {
            w.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        }
    }
}
