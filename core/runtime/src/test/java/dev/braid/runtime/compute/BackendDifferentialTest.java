package dev.braid.runtime.compute;

import dev.braid.api.compute.ReferenceBackend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.braid.api.compute.ComputeBackend;
import dev.braid.compute.OpenClBackend;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every backend against the reference, on random and edge-case shapes (empty, one row, dimensions that are not a
 * multiple of any vector width, masked tokens, NaN and negative infinity and ties in top-K), within the tolerance
 * each backend states. One subclass per backend; OpenCL cases are skipped, with the reason, when no OpenCL platform works here.
 */
abstract class BackendDifferentialTest {
    private static final ReferenceBackend REF = new ReferenceBackend();

    /** The backend under test. */
    abstract ComputeBackend backend();

    private ComputeBackend runnable() {
        ComputeBackend b = backend();
        if (b instanceof OpenClBackend cl) {
            assumeTrue(cl.isAvailable(), () -> "skipped: no usable OpenCL platform here (" + cl.unavailableReason()
                    + "); install pocl-opencl-icd to run the OpenCL differential tests");
        }
        assertThat(b.isAvailable()).as(b.name() + " available").isTrue();
        return b;
    }

    private static float[] random(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextFloat() * 2 - 1;
        }
        return x;
    }

    private static void assertClose(ComputeBackend b, float[] actual, float[] expected, String what) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            double bound = b.tolerance() * Math.max(1.0, Math.abs(expected[i]));
            if (!(err <= bound)) {
                throw new AssertionError(b.name() + " " + what + ": element " + i + " = " + actual[i]
                        + ", reference " + expected[i] + " (tolerance " + b.tolerance() + ")");
            }
        }
    }

    @Test
    void matmulAgreesOnRandomAndEdgeShapes() {
        ComputeBackend b = runnable();
        Random rnd = new Random(1);
        int[][] shapes = {{0, 5, 7}, {3, 0, 4}, {4, 6, 0}, {1, 1, 1}, {1, 384, 128}, {3, 17, 33}, {7, 129, 35},
                {65, 64, 48}, {5, 31, 16}, {200, 200, 120}, {9, 3, 1}};
        for (int[] s : shapes) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            float[] a = random(rnd, m * k);
            float[] w = random(rnd, k * n);
            float[] expected = new float[m * n];
            float[] actual = new float[m * n];
            Arrays.fill(actual, 42f);
            REF.matmul(a, w, expected, m, k, n);
            b.matmul(a, w, actual, m, k, n);
            assertClose(b, actual, expected, "matmul " + Arrays.toString(s));
        }
    }

    @Test
    void matvecAndDotAgree() {
        ComputeBackend b = runnable();
        Random rnd = new Random(2);
        for (int rows : new int[] {0, 1, 3, 5, 1001}) {
            for (int dim : new int[] {1, 7, 16, 17, 33, 129, 300}) {
                assertMatvecAgrees(b, rnd, rows, dim);
            }
        }
        // Large enough for the backends that split a catalog scan over threads (16M multiply-adds), with a row count
        // that is not a multiple of their chunk.
        assertMatvecAgrees(b, rnd, 131_101, 130);
        float[] x = random(rnd, 100);
        float[] y = random(rnd, 100);
        for (int[] c : new int[][] {{0, 0, 0}, {3, 5, 1}, {7, 2, 37}, {0, 0, 100}, {50, 10, 50}}) {
            float expected = REF.dot(x, c[0], y, c[1], c[2]);
            float actual = b.dot(x, c[0], y, c[1], c[2]);
            assertClose(b, new float[] {actual}, new float[] {expected}, "dot " + Arrays.toString(c));
        }
    }

    private static void assertMatvecAgrees(ComputeBackend b, Random rnd, int rows, int dim) {
        float[] m = random(rnd, rows * dim);
        float[] q = random(rnd, dim);
        float[] expected = new float[rows];
        float[] actual = new float[rows];
        REF.matvec(m, rows, dim, q, expected);
        b.matvec(m, rows, dim, q, actual);
        assertClose(b, actual, expected, "matvec " + rows + "x" + dim);
    }

    @Test
    void l2NormalizeAgreesAndKeepsZeroRows() {
        ComputeBackend b = runnable();
        Random rnd = new Random(3);
        for (int[] s : new int[][] {{0, 4}, {1, 1}, {1, 17}, {6, 33}, {50, 256}}) {
            float[] m = random(rnd, s[0] * s[1]);
            if (s[0] > 2) {
                Arrays.fill(m, s[1], 2 * s[1], 0f); // a zero row stays zero
            }
            float[] expected = m.clone();
            float[] actual = m.clone();
            REF.l2NormalizeRows(expected, s[0], s[1]);
            b.l2NormalizeRows(actual, s[0], s[1]);
            assertClose(b, actual, expected, "l2NormalizeRows " + Arrays.toString(s));
            if (s[0] > 2) {
                assertThat(Arrays.copyOfRange(actual, s[1], 2 * s[1])).containsOnly(0f);
            }
        }
    }

    @Test
    void weightedSumAgrees() {
        ComputeBackend b = runnable();
        Random rnd = new Random(4);
        for (int count : new int[] {0, 1, 3, 5}) {
            for (int len : new int[] {0, 1, 17, 100, 1024}) {
                float[][] v = new float[count][];
                for (int i = 0; i < count; i++) {
                    v[i] = random(rnd, len);
                }
                float[] w = random(rnd, count);
                float[] expected = new float[len];
                float[] actual = new float[len];
                Arrays.fill(actual, 9f);
                REF.weightedSum(v, w, expected);
                b.weightedSum(v, w, actual);
                assertClose(b, actual, expected, "weightedSum " + count + "x" + len);
            }
        }
    }

    @Test
    void attentionAgreesWithMasks() {
        ComputeBackend b = runnable();
        Random rnd = new Random(5);
        for (int t : new int[] {1, 2, 3, 5}) {
            for (int d : new int[] {1, 7, 64, 130}) {
                float[] q = random(rnd, t * d);
                float[] k = random(rnd, t * d);
                float[] v = random(rnd, t * d);
                boolean[] allOn = new boolean[t];
                Arrays.fill(allOn, true);
                boolean[] lastOff = allOn.clone();
                lastOff[t - 1] = t == 1; // the last token missing (unless it is the only one)
                for (boolean[] mask : new boolean[][] {null, new boolean[t], allOn, lastOff}) {
                    float[] expected = new float[t * d];
                    float[] actual = new float[t * d];
                    Arrays.fill(actual, 7f);
                    REF.attention(q, k, v, mask, t, d, expected);
                    b.attention(q, k, v, mask, t, d, actual);
                    assertClose(b, actual, expected, "attention t=" + t + " d=" + d + " mask="
                            + Arrays.toString(mask));
                }
            }
        }
    }

    @Test
    void topKMatchesExactlyWithTiesNanAndInfinity() {
        ComputeBackend b = runnable();
        Random rnd = new Random(6);
        assertThat(b.topK(new float[0], 3)).isEmpty();
        float[] few = {1f, Float.NaN, Float.NEGATIVE_INFINITY, 2f, Float.POSITIVE_INFINITY};
        assertThat(b.topK(few, 10)).containsExactly(4, 3, 0);
        assertThat(b.topK(few, 0)).isEmpty();
        float[] allNan = new float[20];
        Arrays.fill(allNan, Float.NaN);
        assertThat(b.topK(allNan, 5)).isEmpty();
        for (int n : new int[] {1, 15, 17, 1000, 10_000, 100_003}) {
            float[] random = random(rnd, n);
            float[] ties = new float[n];
            float[] holes = random(rnd, n);
            float[] increasing = new float[n];
            float[] sparse = new float[n]; // a retrieval stage's output: a few scores among negative infinities
            Arrays.fill(sparse, Float.NEGATIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                if (rnd.nextInt(1000) == 0 || i == n - 1) {
                    sparse[i] = rnd.nextBoolean() ? Float.NaN : (float) rnd.nextGaussian();
                }
                ties[i] = rnd.nextInt(4); // few distinct values: ties everywhere
                if (rnd.nextInt(10) == 0) {
                    holes[i] = rnd.nextBoolean() ? Float.NaN : Float.NEGATIVE_INFINITY;
                }
                increasing[i] = i; // every new element displaces the weakest kept one
            }
            for (float[] s : new float[][] {random, ties, holes, increasing, sparse, new float[n]}) {
                for (int k : new int[] {1, 3, 10, 100, 5000}) {
                    assertThat(b.topK(s, k)).as("%s topK n=%d k=%d", b.name(), n, k)
                            .containsExactly(REF.topK(s, k));
                }
            }
        }
    }
}
