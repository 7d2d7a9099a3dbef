package dev.braid.bench;

import dev.braid.api.component.Environment;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.compute.ComputeBackend;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemFeatures;
import dev.braid.api.generator.TrainingData;
import dev.braid.api.compute.ReferenceBackend;
import dev.braid.compute.VectorBackend;
import dev.braid.plugin.content.ItemKnnConfig;
import dev.braid.plugin.content.ItemKnnGenerator;
import dev.braid.plugin.factorization.BprTraining;
import dev.braid.plugin.factorization.VbprConfig;
import dev.braid.plugin.factorization.VbprGenerator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.DoubleSupplier;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Fit-time benchmarks on generated data of a stated shape (see {@code docs/benchmarks.md}, "Fit speed"):
 * <ul>
 *   <li>{@code vbpr}: seconds per epoch of VBPR with per-draw updates of the content projection
 *   ({@code batchSize 1}) against mini-batch updates, side by side in one JVM, alternating, on the same generated
 *   interactions and dense content; then, optionally, NDCG@10 over held-out cold items of both after a full
 *   training run;</li>
 *   <li>{@code knn}: the fit of {@code item-knn} (cosine similarity of every pair of items, top neighbours) on
 *   each compute backend against one plain matrix product of the same size on the {@code vector} backend.</li>
 * </ul>
 * Every timing is repeated and the median is reported with the ratio; all data comes from {@code --seed}.
 */
@Command(name = "bench-fit-speed", mixinStandardHelpOptions = true,
        description = "Fit speed: VBPR per-draw vs mini-batch; item-knn vs one GEMM of the same size.")
public final class FitSpeedBench implements Callable<Integer> {

    @Option(names = "--part", defaultValue = "all", description = "vbpr, knn or all") String part;
    @Option(names = "--seed", defaultValue = "42") long seed;
    @Option(names = "--repeats", defaultValue = "3", description = "timed runs per variant (median reported)")
    int repeats;
    @Option(names = "--users", defaultValue = "50000") int users;
    @Option(names = "--items", defaultValue = "3018") int items;
    @Option(names = "--interactions", defaultValue = "632000") int interactions;
    @Option(names = "--content-dim", defaultValue = "643", description = "dense content dimension (VBPR)")
    int contentDim;
    @Option(names = "--epochs", defaultValue = "2", description = "VBPR epochs per timed fit") int epochs;
    @Option(names = "--batch", defaultValue = "0",
            description = "VBPR mini-batch size compared with 1 (0 = the generator's automatic size)") int batch;
    @Option(names = "--quality-epochs", defaultValue = "0",
            description = "also train both VBPR variants this many epochs and report cold-item NDCG@10 (0 = skip)")
    int qualityEpochs;
    @Option(names = "--quality-per-draw", defaultValue = "true", arity = "1",
            description = "include the per-draw variant in the cold-item quality run") boolean qualityPerDraw;
    @Option(names = "--knn-items", defaultValue = "1447") int knnItems;
    @Option(names = "--knn-dim", defaultValue = "4355") int knnDim;
    @Option(names = "--previous-loop", defaultValue = "false", arity = "0..1",
            description = "also time the reference backend's previous (unblocked) matmul loop on the same product")
    boolean previousLoop;
    @Option(names = "--out", defaultValue = "distribution/bench/target/bench-fit-speed.json") Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FitSpeedBench()).execute(args));
    }

    @Override
    public Integer call() {
        BenchReport r = new BenchReport("fit-speed");
        r.protocol("machine", Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", load average at start "
                + String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory
                .getOperatingSystemMXBean().getSystemLoadAverage()));
        r.protocol("timing", "median of " + repeats + " runs per variant, variants alternating within each round, "
                + "one JVM");
        if (part.equals("all") || part.equals("vbpr")) {
            vbpr(r);
        }
        if (part.equals("all") || part.equals("knn")) {
            knn(r);
        }
        r.write(out);
        PrintWriter pw = new PrintWriter(System.out, true);
        r.print(pw);
        pw.printf("report: %s%n", out.toAbsolutePath());
        return r.allHold() ? 0 : 3;
    }

    private VbprConfig vbprConfig(int batchSize, int epochCount) {
        VbprConfig d = VbprConfig.defaults();
        BprTraining t = d.training();
        return new VbprConfig(d.factors(), d.contentFactors(), d.contentRegularization(), d.contentDimension(),
                batchSize, d.contentOnlyWeight(), new BprTraining(epochCount, t.learningRate(), t.regularization(), 0,
                t.evalEvery(), t.patience(), t.refit(), t.maxValidationUsers(), t.sampling(), ""));
    }

    private void vbpr(BenchReport r) {
        Synthetic s = Synthetic.generate(users, items, interactions, contentDim, 0.1, seed);
        TrainingData data = new TrainingData(s.catalog, new ItemFeatures(Map.of(), s.content),
                InteractionMatrix.of(s.catalog, s.train), seed);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("data", users + " users, " + items + " items (" + s.cold.size() + " cold: all their interactions held "
                + "out), " + interactions + " interactions generated (" + s.train.size() + " in training), dense "
                + contentDim + "-d content; users and items in 32 taste groups, item content = group centroid + "
                + "noise, popularity Zipf(0.8)");
        p.put("model", "vbpr defaults (" + vbprConfig(batch, epochs) + "), validationShare 0");
        p.put("timing", epochs + " epochs per fit; seconds per epoch as the generator's training report measures "
                + "them (the epoch loop only, after data preparation)");
        r.protocol("vbpr", p);
        double[] perDraw = new double[repeats];
        double[] mini = new double[repeats];
        for (int rep = 0; rep < repeats; rep++) {
            perDraw[rep] = secondsPerEpoch(vbprConfig(1, epochs), data);
            mini[rep] = secondsPerEpoch(vbprConfig(batch, epochs), data);
        }
        double a = median(perDraw);
        double b = median(mini);
        r.add(new BenchRow("vbpr per-draw (batchSize 1)", Map.of(), a * epochs, Map.of("seconds_per_epoch", a,
                "runs", Arrays.toString(perDraw))));
        r.add(new BenchRow("vbpr mini-batch (batchSize " + (batch == 0 ? "0 = automatic" : batch) + ")", Map.of(), b * epochs,
                Map.of("seconds_per_epoch", b, "runs", Arrays.toString(mini))));
        r.check("vbpr epoch: per-draw / mini-batch >= 5", a / b, 5, a / b >= 5);
        if (qualityEpochs > 0) {
            Set<String> cold = new HashSet<>();
            s.cold.forEach(i -> cold.add(s.catalog.item(i).id()));
            List<Interaction> test = s.test.stream().filter(x -> Integer.parseInt(x.user().substring(1)) < 5000)
                    .toList();
            Harness h = new Harness(s.catalog, data.interactions(), test, cold, List.of(10), seed);
            ItemFeatures f = new ItemFeatures(Map.of(), s.content);
            for (int bs : qualityPerDraw ? new int[] {1, batch} : new int[] {batch}) {
                r.add(h.run("vbpr batchSize " + bs + ", " + qualityEpochs + " epochs: cold items (users u0-u4999)",
                        new VbprGenerator(vbprConfig(bs, qualityEpochs), env()), f, RecommenderBench::training));
            }
        }
    }

    private Environment env() {
        return new Environment(Path.of("distribution/bench/target"), Path.of("."), seed);
    }

    private double secondsPerEpoch(VbprConfig c, TrainingData data) {
        VbprGenerator g = new VbprGenerator(c, env());
        g.fit(data, ProgressListener.NONE);
        return g.trainingReport().secondsPerEpoch();
    }

    private void knn(BenchReport r) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = knnItems;
        int d = knnDim;
        float[][] rows = new float[n][d];
        float[][] centroids = new float[32][d];
        for (float[] c : centroids) {
            for (int x = 0; x < d; x++) {
                c[x] = (float) gaussian(rnd);
            }
        }
        for (int i = 0; i < n; i++) {
            float[] c = centroids[rnd.nextInt(centroids.length)];
            for (int x = 0; x < d; x++) {
                rows[i][x] = c[x] + (float) gaussian(rnd);
            }
        }
        Catalog catalog = new Catalog(IntStream.range(0, n).mapToObj(i -> Item.ofText("i" + i, "")).toList());
        TrainingData data = new TrainingData(catalog, new ItemFeatures(Map.of(), FeatureMatrix.ofRows(d, rows)),
                InteractionMatrix.of(catalog, List.of()), seed);
        float[] a = new float[n * d];
        float[] bt = new float[d * n];
        for (int i = 0; i < n; i++) {
            for (int x = 0; x < d; x++) {
                a[i * d + x] = rows[i][x];
                bt[x * n + i] = rows[i][x];
            }
        }
        float[] c = new float[n * n];
        VectorBackend vector = new VectorBackend();
        ReferenceBackend reference = new ReferenceBackend();
        r.protocol("knn", Map.of("data", n + " items x " + d + " dense dims (32 clusters + Gaussian noise), "
                        + "item-knn defaults (" + ItemKnnConfig.defaults() + ")",
                "gemm", "one product " + n + " x " + d + " by " + d + " x " + n + " (" + String.format(Locale.ROOT,
                        "%.2f", (double) n * d * n / 1e9) + " G multiply-adds), inputs already laid out: the vector "
                        + "backend's matmul (SIMD, fork-join over row blocks) and a blocked plain-Java loop (float, "
                        + "one thread)",
                "fit", "ItemKnnGenerator.fit on each backend: normalisation, layout, the similarity blocks and "
                        + "the top-50 per item"));
        List<String> names = List.of("gemm " + n + "x" + d + "x" + n + " (vector backend)",
                "gemm " + n + "x" + d + "x" + n + " (blocked Java loop, 1 thread)",
                "item-knn fit (vector backend)", "item-knn fit (reference backend)",
                "previous reference matmul loop (same product)");
        List<DoubleSupplier> variants = new ArrayList<>();
        variants.add(() -> time(() -> vector.matmul(a, bt, c, n, d, n)));
        variants.add(() -> time(() -> blockedGemm(a, bt, c, n, d, n)));
        variants.add(() -> time(() -> new ItemKnnGenerator(ItemKnnConfig.defaults(), vector)
                .fit(data, ProgressListener.NONE)));
        variants.add(() -> time(() -> new ItemKnnGenerator(ItemKnnConfig.defaults(), reference)
                .fit(data, ProgressListener.NONE)));
        if (previousLoop) {
            variants.add(() -> time(() -> previousReferenceMatmul(a, bt, c, n, d, n)));
        }
        // One untimed round first: the Vector API code runs interpreted until the JIT has compiled it.
        for (int v = 0; v < Math.min(2, variants.size()); v++) {
            variants.get(v).getAsDouble();
        }
        double[][] t = new double[variants.size()][repeats];
        for (int rep = 0; rep < repeats; rep++) {
            for (int v = 0; v < variants.size(); v++) {
                t[v][rep] = variants.get(v).getAsDouble();
            }
        }
        double gemmVector = median(t[0]);
        double gemmLoop = median(t[1]);
        for (int v = 0; v < variants.size(); v++) {
            double m = median(t[v]);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("runs", Arrays.toString(t[v]));
            details.put("ratio_to_vector_gemm", m / gemmVector);
            details.put("ratio_to_java_loop_gemm", m / gemmLoop);
            r.add(new BenchRow(names.get(v), Map.of(), m, details));
        }
        double fitVector = median(t[2]);
        double fitReference = median(t[3]);
        r.check("item-knn fit (vector backend) <= 3 x GEMM (vector backend)", fitVector / gemmVector, 3,
                fitVector / gemmVector <= 3);
        r.check("item-knn fit (reference backend) <= 3 x GEMM (blocked Java loop)", fitReference / gemmLoop, 3,
                fitReference / gemmLoop <= 3);
    }

    /**
     * The baseline GEMM in plain Java: {@code c = a b}, float accumulation, one thread, blocked so that a panel of
     * B stays in cache while four rows of A stream over it (the JIT vectorises the inner loop).
     */
    static void blockedGemm(float[] a, float[] b, float[] c, int m, int k, int n) {
        final int rowsPerBlock = 4;
        final int colsPerBlock = 512;
        final int depthPerBlock = 256;
        Arrays.fill(c, 0, m * n, 0f);
        for (int j0 = 0; j0 < n; j0 += colsPerBlock) {
            int j1 = Math.min(n, j0 + colsPerBlock);
            for (int p0 = 0; p0 < k; p0 += depthPerBlock) {
                int p1 = Math.min(k, p0 + depthPerBlock);
                for (int i0 = 0; i0 < m; i0 += rowsPerBlock) {
                    int i1 = Math.min(m, i0 + rowsPerBlock);
                    for (int i = i0; i < i1; i++) {
                        int co = i * n;
                        for (int p = p0; p < p1; p++) {
                            float x = a[i * k + p];
                            int bo = p * n;
                            for (int j = j0; j < j1; j++) {
                                c[co + j] += x * b[bo + j];
                            }
                        }
                    }
                }
            }
        }
    }

    /** The reference backend's matmul before it was blocked (kept here as the baseline of that change). */
    static void previousReferenceMatmul(float[] a, float[] b, float[] out, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[i * k + p] * b[p * n + j];
                }
                out[i * n + j] = (float) s;
            }
        }
    }

    private static double time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** Generated interactions with taste groups, Zipf popularity and content that carries the group. */
    record Synthetic(Catalog catalog, FeatureMatrix content, List<Interaction> train, List<Interaction> test,
                     Set<Integer> cold) {

        static Synthetic generate(int users, int items, int interactions, int dim, double coldShare, long seed) {
            final int groups = 32;
            SplittableRandom r = new SplittableRandom(seed);
            Catalog catalog = new Catalog(IntStream.range(0, items).mapToObj(i -> Item.ofText("i" + i, "")).toList());
            int[] itemGroup = new int[items];
            double[] weight = new double[items];
            for (int i = 0; i < items; i++) {
                itemGroup[i] = r.nextInt(groups);
                weight[i] = 1 / Math.pow(1 + r.nextInt(items), 0.8);
            }
            float[][] centroids = new float[groups][dim];
            for (float[] c : centroids) {
                for (int x = 0; x < dim; x++) {
                    c[x] = (float) Math.abs(gaussian(r));
                }
            }
            float[][] rows = new float[items][dim];
            for (int i = 0; i < items; i++) {
                for (int x = 0; x < dim; x++) {
                    rows[i][x] = Math.max(0f, centroids[itemGroup[i]][x] + (float) (0.8 * gaussian(r)));
                }
            }
            // Cumulative popularity over all items and within each group.
            double[] all = cumulative(weight, IntStream.range(0, items).toArray());
            int[][] members = new int[groups][];
            double[][] inGroup = new double[groups][];
            for (int g = 0; g < groups; g++) {
                int gg = g;
                members[g] = IntStream.range(0, items).filter(i -> itemGroup[i] == gg).toArray();
                inGroup[g] = cumulative(weight, members[g]);
            }
            Set<Integer> cold = new HashSet<>();
            for (int i = 0; i < items; i++) {
                if (r.nextDouble() < coldShare) {
                    cold.add(i);
                }
            }
            List<Interaction> train = new ArrayList<>();
            List<Interaction> test = new ArrayList<>();
            int perUser = interactions / users;
            int extra = interactions - perUser * users;
            for (int u = 0; u < users; u++) {
                int g = r.nextInt(groups);
                int want = perUser + (u < extra ? 1 : 0);
                Set<Integer> seen = new HashSet<>();
                while (seen.size() < want) {
                    int i = r.nextDouble() < 0.7 ? members[g][pick(inGroup[g], r)] : pick(all, r);
                    if (seen.add(i)) {
                        Interaction x = Interaction.implicit("u" + u, "i" + i);
                        (cold.contains(i) ? test : train).add(x);
                    }
                }
            }
            return new Synthetic(catalog, FeatureMatrix.ofRows(dim, rows), train, test, cold);
        }

        private static double[] cumulative(double[] weight, int[] which) {
            double[] c = new double[which.length];
            double s = 0;
            for (int a = 0; a < which.length; a++) {
                s += weight[which[a]];
                c[a] = s;
            }
            return c;
        }

        private static int pick(double[] cumulative, SplittableRandom r) {
            double x = r.nextDouble() * cumulative[cumulative.length - 1];
            int at = Arrays.binarySearch(cumulative, x);
            return Math.min(cumulative.length - 1, at >= 0 ? at : -at - 1);
        }
    }
}
