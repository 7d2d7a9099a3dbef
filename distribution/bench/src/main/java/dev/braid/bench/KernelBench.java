package dev.braid.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.braid.api.compute.ComputeBackend;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
 * The fusion and retrieval kernels on {@code items} items (1 = online, 10000 = batch), for each backend and for
 * PyTorch (CPU) through DJL on identical shapes. Constant operands (projection weights, the scored catalog) live on
 * the engine; per-call inputs are copied in and results copied back to Java arrays, as a backend would have to.
 *
 * <ul>
 *   <li>project: {@code items x 512} times {@code 512 x 256} (2 * items * 512 * 256 flops)</li>
 *   <li>score: {@code items x 256} catalog rows dotted with one query (2 * items * 256 flops)</li>
 *   <li>normalize: L2-normalise {@code items x 256} rows</li>
 *   <li>weightedSum: three modality vectors of {@code items x 256} floats, weighted</li>
 *   <li>attention: per item, softmax attention over 3 modality tokens of 64 dims</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KernelBench {
    static final int K = 512;
    static final int N = 256;
    static final int T = 3;
    static final int D = 64;

    @Param({"reference", "vector", "opencl", "pytorch"})
    public String backend;

    @Param({"1", "10000"})
    public int items;

    private Engines.Engine engine;
    private ComputeBackend b;
    private NDManager nd;
    private NDArray ndWeights;
    private NDArray ndCatalog;
    private float[] input;
    private float[] weights;
    private float[] projected;
    private float[] catalog;
    private float[] query;
    private float[] scores;
    private float[] rows;
    private float[] work;
    private float[][] modalities;
    private float[] mix;
    private float[] mixed;
    private float[] qkv;
    private float[] attended;
    private boolean[] mask;

    @Setup(Level.Trial)
    public void setUp() {
        Random rnd = new Random(7);
        input = Engines.random(rnd, items * K);
        weights = Engines.random(rnd, K * N);
        projected = new float[items * N];
        catalog = Engines.random(rnd, items * N);
        query = Engines.random(rnd, N);
        scores = new float[items];
        rows = Engines.random(rnd, items * N);
        work = new float[items * N];
        modalities = new float[][] {Engines.random(rnd, items * N), Engines.random(rnd, items * N),
                Engines.random(rnd, items * N)};
        mix = new float[] {0.5f, 0.3f, 0.2f};
        mixed = new float[items * N];
        qkv = Engines.random(rnd, items * 3 * T * D);
        attended = new float[items * T * D];
        mask = new boolean[] {true, true, false};
        engine = Engines.Engine.open(backend);
        nd = engine.nd();
        b = engine.backend();
        if (nd != null) {
            ndWeights = nd.create(weights, new Shape(K, N));
            ndCatalog = nd.create(catalog, new Shape(items, N));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public float[] project() {
        if (nd != null) {
            try (NDManager m = nd.newSubManager()) {
                return m.create(input, new Shape(items, K)).matMul(ndWeights).toFloatArray();
            }
        }
        b.matmul(input, weights, projected, items, K, N);
        return projected;
    }

    @Benchmark
    public float[] score() {
        if (nd != null) {
            try (NDManager m = nd.newSubManager()) {
                return ndCatalog.matMul(m.create(query, new Shape(N, 1))).toFloatArray();
            }
        }
        b.matvec(catalog, items, N, query, scores);
        return scores;
    }

    @Benchmark
    public float[] normalize() {
        if (nd != null) {
            try (NDManager m = nd.newSubManager()) {
                NDArray x = m.create(rows, new Shape(items, N));
                return x.div(x.norm(new int[] {1}, true).maximum(1e-30f)).toFloatArray();
            }
        }
        System.arraycopy(rows, 0, work, 0, work.length);
        b.l2NormalizeRows(work, items, N);
        return work;
    }

    @Benchmark
    public float[] weightedSum() {
        if (nd != null) {
            try (NDManager m = nd.newSubManager()) {
                NDArray s = m.create(modalities[0]).mul(mix[0]);
                s = s.add(m.create(modalities[1]).mul(mix[1]));
                return s.add(m.create(modalities[2]).mul(mix[2])).toFloatArray();
            }
        }
        b.weightedSum(modalities, mix, mixed);
        return mixed;
    }

    @Benchmark
    public float[] attention() {
        int td = T * D;
        if (nd != null) {
            try (NDManager m = nd.newSubManager()) {
                NDArray all = m.create(qkv, new Shape(items, 3, T, D));
                NDArray q = all.get(":, 0");
                NDArray k = all.get(":, 1");
                NDArray v = all.get(":, 2");
                NDArray logits = q.batchMatMul(k.transpose(0, 2, 1)).mul((float) (1.0 / Math.sqrt(D)));
                NDArray bias = m.create(new float[] {0f, 0f, Float.NEGATIVE_INFINITY}, new Shape(1, 1, T));
                return logits.add(bias).softmax(2).batchMatMul(v).toFloatArray();
            }
        }
        float[] q = new float[td];
        float[] k = new float[td];
        float[] v = new float[td];
        float[] o = new float[td];
        for (int i = 0; i < items; i++) {
            int base = i * 3 * td;
            System.arraycopy(qkv, base, q, 0, td);
            System.arraycopy(qkv, base + td, k, 0, td);
            System.arraycopy(qkv, base + 2 * td, v, 0, td);
            b.attention(q, k, v, mask, T, D, o);
            System.arraycopy(o, 0, attended, i * td, td);
        }
        return attended;
    }
}
