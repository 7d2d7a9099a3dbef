package dev.braid.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.braid.api.compute.ComputeBackend;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Batched dot-product top-K over a 1M x 128 float catalog (512 MB): score every row against one query, keep the
 * best 100. Baselines on the same bytes in the same run: streaming them once (a SIMD sum, read only) from one
 * thread and from all cores (the vector backend splits a scan this large over the common pool, so the fair floor
 * is the machine's bandwidth, not one core's), and copying them ({@code System.arraycopy}, read + write).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RetrievalBench {
    static final int ROWS = 1_000_000;
    static final int DIM = 128;
    static final int TOP = 100;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Param({"reference", "vector", "opencl", "pytorch"})
    public String backend;

    private float[] catalog;
    private float[] copy;
    private float[] query;
    private float[] scores;
    private Engines.Engine engine;
    private ComputeBackend b;
    private NDManager nd;
    private NDArray ndCatalog;

    @Setup(Level.Trial)
    public void setUp() {
        Random rnd = new Random(11);
        catalog = Engines.random(rnd, ROWS * DIM);
        query = Engines.random(rnd, DIM);
        scores = new float[ROWS];
        engine = Engines.Engine.open(backend);
        nd = engine.nd();
        b = engine.backend();
        if (nd != null) {
            ndCatalog = nd.create(catalog, new Shape(ROWS, DIM));
        }
        if (backend.equals("vector")) {
            copy = new float[ROWS * DIM];
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public int[] topK() {
        if (nd != null) {
            try (NDManager m = nd.newSubManager()) {
                NDList r = ndCatalog.matMul(m.create(query, new Shape(DIM, 1))).reshape(ROWS).topK(TOP, 0);
                long[] idx = r.get(1).toLongArray();
                return java.util.Arrays.stream(idx).mapToInt(i -> (int) i).toArray();
            }
        }
        b.matvec(catalog, ROWS, DIM, query, scores);
        return b.topK(scores, TOP);
    }

    /** Reads the 512 MB once (SIMD sum): the floor for any kernel that must look at every byte. */
    @Benchmark
    public float streamRead() {
        if (!backend.equals("vector")) {
            return 0f; // measured once, under the vector parameter
        }
        FloatVector acc0 = FloatVector.zero(S);
        FloatVector acc1 = FloatVector.zero(S);
        int l = S.length();
        for (int i = 0; i < catalog.length; i += 2 * l) {
            acc0 = acc0.add(FloatVector.fromArray(S, catalog, i));
            acc1 = acc1.add(FloatVector.fromArray(S, catalog, i + l));
        }
        return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    }

    /** Reads the 512 MB once from all cores, in the chunks the vector backend's matvec uses. */
    @Benchmark
    public float streamReadAllCores() {
        if (!backend.equals("vector")) {
            return 0f;
        }
        int chunk = 16_384 * DIM;
        int chunks = (catalog.length + chunk - 1) / chunk;
        return (float) java.util.stream.IntStream.range(0, chunks).parallel().mapToDouble(c -> {
            FloatVector acc0 = FloatVector.zero(S);
            FloatVector acc1 = FloatVector.zero(S);
            int l = S.length();
            int end = Math.min(catalog.length, (c + 1) * chunk);
            for (int i = c * chunk; i < end; i += 2 * l) {
                acc0 = acc0.add(FloatVector.fromArray(S, catalog, i));
                acc1 = acc1.add(FloatVector.fromArray(S, catalog, i + l));
            }
            return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        }).sum();
    }

    /** Copies the 512 MB ({@code System.arraycopy}): reads and writes every byte. */
    @Benchmark
    public float[] streamCopy() {
        if (!backend.equals("vector")) {
            return null;
        }
        System.arraycopy(catalog, 0, copy, 0, catalog.length);
        return copy;
    }
}
