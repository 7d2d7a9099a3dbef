package dev.braid.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.braid.runtime.BraidHome;
import dev.braid.runtime.platform.NativePlatform;

/**
 * This machine's fp32 matrix-multiply ceiling as PyTorch (oneDNN/MKL, all cores) reaches it through DJL: the best of
 * ten {@code n x n} products, in GFLOP/s. A yardstick for compute-bound figures such as MiniLM's throughput.
 *
 * <p>Usage: {@code java -cp core/bench/target/classes:$(cat core/bench/target/classpath.txt)
 * dev.braid.bench.SgemmPeak [n=2048]}
 */
public final class SgemmPeak {

    private SgemmPeak() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2048;
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
            System.out.printf("PyTorch fp32 matmul %d x %d, %d cores: best of 10 = %.0f GFLOP/s%n", n, n,
                    Runtime.getRuntime().availableProcessors(), best);
        }
    }
}
