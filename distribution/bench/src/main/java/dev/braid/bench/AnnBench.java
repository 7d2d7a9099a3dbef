package dev.braid.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.braid.api.component.Environment;
import dev.braid.api.kind.ComponentKind;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.compute.ComputeBackend;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemFeatures;
import dev.braid.api.generator.Generator;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;
import dev.braid.api.io.AtomicFiles;
import dev.braid.plugin.content.ContentProfileConfig;
import dev.braid.plugin.content.ContentProfileGenerator;
import dev.braid.plugin.retrieval.AnnContentConfig;
import dev.braid.plugin.retrieval.AnnContentGenerator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Approximate ({@code ann-content}, HNSW) against exact ({@code content-profile}: cosine
 * of every item through the compute backend's matvec, then topK) retrieval on a generated catalog. Protocol: a
 * Gaussian-mixture catalog ({@code --clusters} centres, unit noise; 0 = plain Gaussian) of {@code --items}
 * vectors of {@code --dim}; {@code --queries} query vectors drawn the same way (not catalog members); both
 * generators constructed on the class path with the same configuration records a pipeline binds; per query the top {@code --k} of each;
 * recall@k = shared items / k, averaged; latency = wall time of score + topK per query (median, p95), after
 * {@code --warmup} queries. One index build serves every {@code --ef} value (request parameter {@code ann.ef}).
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp distribution/bench/target/classes:$(cat
 * distribution/bench/target/classpath.txt) dev.braid.bench.AnnBench --items 100000 --dim 128 --ef 10,50,100,200}
 */
@Command(name = "AnnBench", mixinStandardHelpOptions = true,
        description = "Recall@k and latency of HNSW retrieval (ann-content) against exact top-K (content-profile).")
public final class AnnBench implements Callable<Integer> {

    @Option(names = "--items", defaultValue = "100000", description = "catalog size (default ${DEFAULT-VALUE})")
    int items;

    @Option(names = "--dim", defaultValue = "128", description = "vector dimension (default ${DEFAULT-VALUE})")
    int dim;

    @Option(names = "--clusters", defaultValue = "1000",
            description = "Gaussian mixture centres; 0 = isotropic Gaussian (default ${DEFAULT-VALUE})")
    int clusters;

    @Option(names = "--queries", defaultValue = "1000", description = "measured queries (default ${DEFAULT-VALUE})")
    int queries;

    @Option(names = "--warmup", defaultValue = "200", description = "warm-up queries (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--k", defaultValue = "10", description = "list length (default ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--m", defaultValue = "16", description = "HNSW neighbours per node (default ${DEFAULT-VALUE})")
    int maxConn;

    @Option(names = "--beam", defaultValue = "100", description = "HNSW build beam (default ${DEFAULT-VALUE})")
    int beam;

    @Option(names = "--build-threads", defaultValue = "0",
            description = "threads building the HNSW graph; 0 = one per processor (default ${DEFAULT-VALUE})")
    int buildThreads;

    @Option(names = "--ef", defaultValue = "10,50,100,200", split = ",",
            description = "search beams to measure (default ${DEFAULT-VALUE})")
    List<Integer> efs;

    @Option(names = "--backend", defaultValue = "reference",
            description = "compute backend: reference, vector or opencl (default ${DEFAULT-VALUE})")
    String backendName;

    @Option(names = "--seed", defaultValue = "42", description = "data and graph seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--json-out", description = "also write the figures as JSON to this file")
    Path jsonOut;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new AnnBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Random r = new Random(seed);
        float[][] centres = new float[Math.max(clusters, 1)][dim];
        for (float[] c : centres) {
            for (int d = 0; d < dim; d++) {
                c[d] = clusters > 0 ? (float) (2 * r.nextGaussian()) : 0f;
            }
        }
        float[][] rows = new float[items][];
        for (int i = 0; i < items; i++) {
            rows[i] = draw(r, centres);
        }
        List<float[]> qs = new ArrayList<>();
        for (int i = 0; i < warmup + queries; i++) {
            qs.add(draw(r, centres));
        }
        List<Item> list = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            list.add(new Item("i" + i, "", Map.of(), null));
        }
        Catalog catalog = new Catalog(list);
        TrainingData data = new TrainingData(catalog, new ItemFeatures(Map.of(), FeatureMatrix.ofRows(dim, rows)),
                InteractionMatrix.of(catalog, List.of()), seed);
        rows = null;
        Map<String, Object> json = new LinkedHashMap<>();
        ComputeBackend backend = backend(backendName);
        Environment environment = new Environment(Path.of("distribution/bench/target"), Path.of("."), seed);
        // persist = false: always measure the build
        try (Generator exact = new ContentProfileGenerator(ContentProfileConfig.defaults(), backend);
             Generator ann = new AnnContentGenerator(new AnnContentConfig(maxConn, beam, 100, k, 0.5, seed,
                     buildThreads, false), backend, environment)) {
            long t0 = System.nanoTime();
            exact.fit(data, ProgressListener.NONE);
            double exactFit = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            ann.fit(data, ProgressListener.NONE);
            double annFit = (System.nanoTime() - t0) / 1e9;
            out.printf("catalog: %d items x %d dims, %s; %d queries (+%d warm-up), k=%d, backend %s, "
                            + "%d cores%n", items, dim, clusters > 0 ? clusters + " Gaussian clusters" : "isotropic",
                    queries, warmup, k, backend.name(), Runtime.getRuntime().availableProcessors());
            out.printf("fit: exact (normalise) %.2f s; HNSW build (M=%d, beam=%d, %s thread(s)) %.2f s%n", exactFit,
                    maxConn, beam, buildThreads > 0 ? buildThreads : Runtime.getRuntime().availableProcessors() + "",
                    annFit);
            float[] scores = new float[items];
            int[][] truth = new int[qs.size()][];
            double[] exactMs = new double[queries];
            for (int q = 0; q < qs.size(); q++) {
                long s0 = System.nanoTime();
                exact.score(new Query(null, qs.get(q), Set.of(), Map.of()), scores);
                truth[q] = backend.topK(scores, k);
                if (q >= warmup) {
                    exactMs[q - warmup] = (System.nanoTime() - s0) / 1e6;
                }
            }
            out.printf("exact (content-profile, matvec + topK): median %.3f ms, p95 %.3f ms per query%n",
                    pct(exactMs, 50), pct(exactMs, 95));
            json.put("protocol", Map.of("items", items, "dim", dim, "clusters", clusters, "queries", queries,
                    "warmup", warmup, "k", k, "seed", seed, "backend", backend.name(),
                    "hnsw", Map.of("M", maxConn, "beamWidth", beam), "cores",
                    Runtime.getRuntime().availableProcessors()));
            json.put("exact", Map.of("fit_s", exactFit, "median_ms", pct(exactMs, 50), "p95_ms", pct(exactMs, 95)));
            List<Map<String, Object>> annRows = new ArrayList<>();
            out.printf("%6s %10s %12s %12s %10s%n", "ef", "recall@" + k, "median ms", "p95 ms", "speed-up");
            for (int ef : efs) {
                double[] ms = new double[queries];
                long hit = 0;
                for (int q = 0; q < qs.size(); q++) {
                    long s0 = System.nanoTime();
                    Arrays.fill(scores, 0f);
                    ann.score(new Query(null, qs.get(q), Set.of(), Map.of("ann.ef", Integer.toString(ef))), scores);
                    int[] got = backend.topK(scores, k);
                    if (q >= warmup) {
                        ms[q - warmup] = (System.nanoTime() - s0) / 1e6;
                        Set<Integer> t = new HashSet<>();
                        for (int i : truth[q]) {
                            t.add(i);
                        }
                        for (int i : got) {
                            hit += t.contains(i) ? 1 : 0;
                        }
                    }
                }
                double recall = hit / (double) (queries * k);
                double speedUp = pct(exactMs, 50) / pct(ms, 50);
                out.printf("%6d %10.4f %12.3f %12.3f %9.1fx%n", ef, recall, pct(ms, 50), pct(ms, 95), speedUp);
                annRows.add(Map.of("ef", ef, "recall", recall, "median_ms", pct(ms, 50), "p95_ms", pct(ms, 95),
                        "speedup_vs_exact_median", speedUp));
            }
            json.put("ann", Map.of("fit_s", annFit, "results", annRows));
        }
        out.flush();
        if (jsonOut != null) {
            AtomicFiles.writeString(jsonOut, new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(json));
        }
        return 0;
    }

    private float[] draw(Random r, float[][] centres) {
        float[] c = centres[r.nextInt(centres.length)];
        float[] v = new float[dim];
        for (int d = 0; d < dim; d++) {
            v[d] = c[d] + (float) r.nextGaussian();
        }
        return v;
    }

    private ComputeBackend backend(String name) {
        try {
            return Engines.backend(name);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--backend: " + e.getMessage());
        }
    }

    private static double pct(double[] v, int p) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
    }
}
