package dev.braid.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.braid.runtime.BraidHome;
import dev.braid.runtime.platform.NativePlatform;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * This machine's fp32 ceilings, yardsticks for compute-bound figures such as MiniLM's throughput: the register-only
 * FMA peak (ten independent Vector API FMA chains per core, widest lanes, one thread and all cores; no memory
 * traffic, so no real kernel reaches it), and PyTorch's matrix multiply through DJL (best of ten {@code n x n}
 * products; PyTorch's default threads).
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp distribution/bench/target/classes:$(cat
 * distribution/bench/target/classpath.txt) dev.braid.bench.ComputePeak [n=2048]}
 */
public final class ComputePeak {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private ComputePeak() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2048;
        int cores = Runtime.getRuntime().availableProcessors();
        fmaChains(1_000_000);
        for (int threads : new int[] {1, cores}) {
            long iterations = 200_000_000L;
            double best = 0;
            for (int r = 0; r < 3; r++) {
                long t0 = System.nanoTime();
                double sink = IntStream.range(0, threads).parallel().mapToDouble(k -> fmaChains(iterations)).sum();
                double seconds = (System.nanoTime() - t0) / 1e9;
                best = Math.max(best, threads * iterations * 10.0 * S.length() * 2 / seconds / 1e9);
                if (sink == 42) {
                    System.out.print("");
                }
            }
            System.out.printf("Vector API FMA peak, %d lanes, %d thread(s): %.0f GFLOP/s%n", S.length(), threads, best);
        }
        NativePlatform.configure(BraidHome.defaultCache());
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = m.randomUniform(-1, 1, new Shape(n, n));
            NDArray y = m.randomUniform(-1, 1, new Shape(n, n));
            for (int w = 0; w < 3; w++) {
                x.matMul(y).close();
            }
            double best = 0;
            for (int r = 0; r < 10; r++) {
                long t0 = System.nanoTime();
                NDArray z = x.matMul(y);
                z.toFloatArray();
                z.close();
                best = Math.max(best, 2.0 * n * n * n / ((System.nanoTime() - t0) / 1e9) / 1e9);
            }
            System.out.printf("PyTorch fp32 matmul %d x %d through DJL: best of 10 = %.0f GFLOP/s%n", n, n, best);
        }
    }

    /** Ten independent FMA chains, enough to keep both FMA pipes busy despite their latency. */
    private static float fmaChains(long iterations) {
        FloatVector x = FloatVector.broadcast(S, 0.999999f);
        FloatVector y = FloatVector.broadcast(S, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(S, 1f);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector a4 = a0;
        FloatVector a5 = a0;
        FloatVector a6 = a0;
        FloatVector a7 = a0;
        FloatVector a8 = a0;
        FloatVector a9 = a0;
        for (long i = 0; i < iterations; i++) {
            a0 = a0.fma(x, y);
            a1 = a1.fma(x, y);
            a2 = a2.fma(x, y);
            a3 = a3.fma(x, y);
            a4 = a4.fma(x, y);
            a5 = a5.fma(x, y);
            a6 = a6.fma(x, y);
            a7 = a7.fma(x, y);
            a8 = a8.fma(x, y);
            a9 = a9.fma(x, y);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9)
                .reduceLanes(VectorOperators.ADD);
    }
}
