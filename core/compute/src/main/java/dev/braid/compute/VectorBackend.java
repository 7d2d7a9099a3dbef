package dev.braid.compute;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.compute.ComputeBackend;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Compute backend on the JDK Vector API ({@code jdk.incubator.vector}, needs
 * {@code --add-modules jdk.incubator.vector}): SIMD loops at the machine's preferred width with fused multiply-add,
 * a register-blocked matrix multiply (split over the common fork-join pool for large products), four-row
 * matrix-vector scoring and a vector-filtered top-K. Accumulates in float, so it agrees with the reference within
 * {@link #tolerance()} relative to the magnitude of the terms summed.
 */
@BraidComponent(name = "vector", description = "JDK Vector API (SIMD, FMA) on the CPU; needs --add-modules jdk.incubator.vector")
public final class VectorBackend implements ComputeBackend {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Products with at least this many multiply-adds are split by row blocks over the fork-join pool. */
    private static final long PARALLEL_FLOPS = 1L << 22;
    private static final int ROW_BLOCK = 64;
    /** Multiply-adds from which matvec runs on several threads (1M x 128 does, 100k x 64 does not). */
    private static final long PARALLEL_MATVEC = 1L << 24;
    private static final int MATVEC_CHUNK = 16_384;

    public VectorBackend() {
    }

    @Override
    public String name() {
        return "vector";
    }

    /** Available when the Vector API module is present and the preferred species is wider than one lane. */
    @Override
    public boolean isAvailable() {
        return L > 1;
    }

    @Override
    public double tolerance() {
        return 1e-4;
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int len) {
        FloatVector acc0 = FloatVector.zero(S);
        FloatVector acc1 = FloatVector.zero(S);
        int i = 0;
        int bound2 = len - 2 * L;
        for (; i <= bound2; i += 2 * L) {
            acc0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), acc0);
            acc1 = FloatVector.fromArray(S, a, aOff + i + L).fma(FloatVector.fromArray(S, b, bOff + i + L), acc1);
        }
        if (i <= len - L) {
            acc0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), acc0);
            i += L;
        }
        float s = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }

    @Override
    public void matvec(float[] matrix, int rows, int dim, float[] query, float[] out) {
        check((long) rows * dim <= matrix.length && query.length >= dim && out.length >= rows, "matvec shapes",
                rows, dim);
        // A large catalog scan is memory-bound: one core cannot draw the machine's bandwidth, so split the rows over
        // the common pool. Smaller scans (a serving request over 100k x 64) stay on the caller's thread.
        int chunks = (rows + MATVEC_CHUNK - 1) / MATVEC_CHUNK;
        if ((long) rows * dim >= PARALLEL_MATVEC && chunks > 1) {
            IntStream.range(0, chunks).parallel().forEach(c -> matvecRows(matrix, c * MATVEC_CHUNK,
                    Math.min(rows, (c + 1) * MATVEC_CHUNK), dim, query, out));
        } else {
            matvecRows(matrix, 0, rows, dim, query, out);
        }
    }

    private void matvecRows(float[] matrix, int from, int rows, int dim, float[] query, float[] out) {
        int r = from;
        int bound = dim / L * L;
        for (; r + 4 <= rows; r += 4) {
            int o0 = r * dim;
            int o1 = o0 + dim;
            int o2 = o1 + dim;
            int o3 = o2 + dim;
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            FloatVector a2 = FloatVector.zero(S);
            FloatVector a3 = FloatVector.zero(S);
            for (int i = 0; i < bound; i += L) {
                FloatVector q = FloatVector.fromArray(S, query, i);
                a0 = FloatVector.fromArray(S, matrix, o0 + i).fma(q, a0);
                a1 = FloatVector.fromArray(S, matrix, o1 + i).fma(q, a1);
                a2 = FloatVector.fromArray(S, matrix, o2 + i).fma(q, a2);
                a3 = FloatVector.fromArray(S, matrix, o3 + i).fma(q, a3);
            }
            float s0 = a0.reduceLanes(VectorOperators.ADD);
            float s1 = a1.reduceLanes(VectorOperators.ADD);
            float s2 = a2.reduceLanes(VectorOperators.ADD);
            float s3 = a3.reduceLanes(VectorOperators.ADD);
            for (int i = bound; i < dim; i++) {
                float q = query[i];
                s0 += matrix[o0 + i] * q;
                s1 += matrix[o1 + i] * q;
                s2 += matrix[o2 + i] * q;
                s3 += matrix[o3 + i] * q;
            }
            out[r] = s0;
            out[r + 1] = s1;
            out[r + 2] = s2;
            out[r + 3] = s3;
        }
        for (; r < rows; r++) {
            out[r] = dot(matrix, r * dim, query, 0, dim);
        }
    }

    @Override
    public void matmul(float[] a, float[] b, float[] out, int m, int k, int n) {
        check((long) m * k <= a.length && (long) k * n <= b.length && (long) m * n <= out.length, "matmul shapes",
                m, n);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            java.util.Arrays.fill(out, 0, m * n, 0f);
            return;
        }
        int blocks = (m + ROW_BLOCK - 1) / ROW_BLOCK;
        if ((long) m * k * n >= PARALLEL_FLOPS && blocks > 1) {
            IntStream.range(0, blocks).parallel().forEach(bl ->
                    matmulRows(a, b, out, bl * ROW_BLOCK, Math.min(m, (bl + 1) * ROW_BLOCK), k, n));
        } else {
            matmulRows(a, b, out, 0, m, k, n);
        }
    }

    /** Rows {@code [r0, r1)} of the product: 4 x 2L register tiles, then single-row and column tails. */
    private static void matmulRows(float[] a, float[] b, float[] out, int r0, int r1, int k, int n) {
        int nb2 = n / (2 * L) * (2 * L);
        int nb = n / L * L;
        int i = r0;
        for (; i + 4 <= r1; i += 4) {
            int a0 = i * k;
            int a1 = a0 + k;
            int a2 = a1 + k;
            int a3 = a2 + k;
            int j = 0;
            for (; j < nb2; j += 2 * L) {
                FloatVector c00 = FloatVector.zero(S);
                FloatVector c01 = FloatVector.zero(S);
                FloatVector c10 = FloatVector.zero(S);
                FloatVector c11 = FloatVector.zero(S);
                FloatVector c20 = FloatVector.zero(S);
                FloatVector c21 = FloatVector.zero(S);
                FloatVector c30 = FloatVector.zero(S);
                FloatVector c31 = FloatVector.zero(S);
                for (int p = 0; p < k; p++) {
                    int bo = p * n + j;
                    FloatVector b0 = FloatVector.fromArray(S, b, bo);
                    FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
                    FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
                    c00 = x.fma(b0, c00);
                    c01 = x.fma(b1, c01);
                    x = FloatVector.broadcast(S, a[a1 + p]);
                    c10 = x.fma(b0, c10);
                    c11 = x.fma(b1, c11);
                    x = FloatVector.broadcast(S, a[a2 + p]);
                    c20 = x.fma(b0, c20);
                    c21 = x.fma(b1, c21);
                    x = FloatVector.broadcast(S, a[a3 + p]);
                    c30 = x.fma(b0, c30);
                    c31 = x.fma(b1, c31);
                }
                c00.intoArray(out, i * n + j);
                c01.intoArray(out, i * n + j + L);
                c10.intoArray(out, (i + 1) * n + j);
                c11.intoArray(out, (i + 1) * n + j + L);
                c20.intoArray(out, (i + 2) * n + j);
                c21.intoArray(out, (i + 2) * n + j + L);
                c30.intoArray(out, (i + 3) * n + j);
                c31.intoArray(out, (i + 3) * n + j + L);
            }
            if (j < n) {
                for (int r = i; r < i + 4; r++) {
                    rowTail(a, b, out, r, j, nb, k, n);
                }
            }
        }
        for (; i < r1; i++) {
            rowTail(a, b, out, i, 0, nb, k, n);
        }
    }

    /** Columns {@code [j0, n)} of row {@code i}: vector columns up to {@code nb}, scalar after. */
    private static void rowTail(float[] a, float[] b, float[] out, int i, int j0, int nb, int k, int n) {
        int ao = i * k;
        int j = j0;
        for (; j < nb; j += L) {
            FloatVector c = FloatVector.zero(S);
            for (int p = 0; p < k; p++) {
                c = FloatVector.broadcast(S, a[ao + p]).fma(FloatVector.fromArray(S, b, p * n + j), c);
            }
            c.intoArray(out, i * n + j);
        }
        for (; j < n; j++) {
            float s = 0;
            for (int p = 0; p < k; p++) {
                s += a[ao + p] * b[p * n + j];
            }
            out[i * n + j] = s;
        }
    }

    @Override
    public void l2NormalizeRows(float[] matrix, int rows, int dim) {
        check((long) rows * dim <= matrix.length, "l2NormalizeRows shapes", rows, dim);
        int bound = dim / L * L;
        for (int r = 0; r < rows; r++) {
            int o = r * dim;
            double norm = Math.sqrt(dot(matrix, o, matrix, o, dim));
            if (norm > 0) {
                float inv = (float) (1.0 / norm);
                int i = 0;
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, matrix, o + i).mul(inv).intoArray(matrix, o + i);
                }
                for (; i < dim; i++) {
                    matrix[o + i] *= inv;
                }
            }
        }
    }

    @Override
    public void weightedSum(float[][] vectors, float[] weights, float[] out) {
        if (vectors.length != weights.length) {
            throw new IllegalArgumentException("weightedSum: " + vectors.length + " vectors but " + weights.length
                    + " weights");
        }
        java.util.Arrays.fill(out, 0f);
        int len = out.length;
        int bound = len / L * L;
        for (int v = 0; v < vectors.length; v++) {
            float[] x = vectors[v];
            if (x.length < len) {
                throw new IllegalArgumentException("weightedSum: vector " + v + " has " + x.length
                        + " floats, expected " + len);
            }
            float w = weights[v];
            int i = 0;
            for (; i < bound; i += L) {
                FloatVector.fromArray(S, x, i).fma(FloatVector.broadcast(S, w), FloatVector.fromArray(S, out, i))
                        .intoArray(out, i);
            }
            for (; i < len; i++) {
                out[i] += w * x[i];
            }
        }
    }

    @Override
    public void attention(float[] q, float[] k, float[] v, boolean[] mask, int t, int d, float[] out) {
        float scale = (float) (1.0 / Math.sqrt(d));
        float[] w = new float[t];
        int bound = d / L * L;
        for (int i = 0; i < t; i++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < t; j++) {
                w[j] = mask != null && !mask[j] ? Float.NEGATIVE_INFINITY : dot(q, i * d, k, j * d, d) * scale;
                max = Math.max(max, w[j]);
            }
            float sum = 0;
            for (int j = 0; j < t; j++) {
                w[j] = max == Float.NEGATIVE_INFINITY ? 0f : (float) Math.exp(w[j] - max);
                sum += w[j];
            }
            int o = i * d;
            java.util.Arrays.fill(out, o, o + d, 0f);
            if (sum == 0) {
                continue;
            }
            for (int j = 0; j < t; j++) {
                float p = w[j] / sum;
                if (p == 0) {
                    continue;
                }
                int vo = j * d;
                FloatVector pv = FloatVector.broadcast(S, p);
                int c = 0;
                for (; c < bound; c += L) {
                    FloatVector.fromArray(S, v, vo + c).fma(pv, FloatVector.fromArray(S, out, o + c))
                            .intoArray(out, o + c);
                }
                for (; c < d; c++) {
                    out[o + c] += p * v[vo + c];
                }
            }
        }
    }

    @Override
    public int[] topK(float[] scores, int k) {
        return TopK.select(scores, scores.length, k);
    }

    private static void check(boolean ok, String what, int rows, int cols) {
        if (!ok) {
            throw new IllegalArgumentException("bad arguments: " + what + " (" + rows + " x " + cols + ")");
        }
    }
}
