package dev.braid.api.compute;

import dev.braid.api.component.BraidComponent;
import java.util.PriorityQueue;

/**
 * The plain-Java reference backend: simple loops, accumulating in double where it matters, that every other backend
 * is tested against. Correct first; fast enough for small catalogs. It lives in the API so that a plugin (and its
 * tests, through {@code braid-api-testkit}) can always have a backend, whatever the host offers.
 *
 * @since 1.1.0 of this package
 */
@BraidComponent(name = "reference", description = "plain Java loops; the reference every backend is checked against")
public final class ReferenceBackend implements ComputeBackend {
    /** Rows of A and columns of B per block of the matrix product. */
    private static final int MATMUL_ROWS = 8;
    private static final int MATMUL_COLS = 512;

    public ReferenceBackend() {
    }

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int len) {
        double s = 0;
        for (int i = 0; i < len; i++) {
            s += (double) a[aOff + i] * b[bOff + i];
        }
        return (float) s;
    }

    @Override
    public void matmul(float[] a, float[] b, float[] out, int m, int k, int n) {
        check(a.length >= m * k && b.length >= k * n && out.length >= m * n, "matmul shapes");
        // Each output is sum_p a[i][p] * b[p][j] in double, p ascending, as in the textbook triple loop; the loops
        // are only reordered so that B is read along its rows, a panel of MATMUL_COLS columns at a time, for
        // MATMUL_ROWS rows of A at once (the naive order strides down B's columns and is ~10x slower).
        double[] acc = new double[MATMUL_ROWS * MATMUL_COLS];
        for (int i0 = 0; i0 < m; i0 += MATMUL_ROWS) {
            int rows = Math.min(MATMUL_ROWS, m - i0);
            for (int j0 = 0; j0 < n; j0 += MATMUL_COLS) {
                int cols = Math.min(MATMUL_COLS, n - j0);
                java.util.Arrays.fill(acc, 0);
                for (int p = 0; p < k; p++) {
                    int bo = p * n + j0;
                    for (int r = 0; r < rows; r++) {
                        double x = a[(i0 + r) * k + p];
                        int ao = r * MATMUL_COLS;
                        for (int j = 0; j < cols; j++) {
                            acc[ao + j] += x * b[bo + j];
                        }
                    }
                }
                for (int r = 0; r < rows; r++) {
                    int oo = (i0 + r) * n + j0;
                    int ao = r * MATMUL_COLS;
                    for (int j = 0; j < cols; j++) {
                        out[oo + j] = (float) acc[ao + j];
                    }
                }
            }
        }
    }

    @Override
    public void matvec(float[] matrix, int rows, int dim, float[] query, float[] out) {
        check(matrix.length >= rows * dim && query.length >= dim && out.length >= rows, "matvec shapes");
        for (int r = 0; r < rows; r++) {
            out[r] = dot(matrix, r * dim, query, 0, dim);
        }
    }

    @Override
    public void l2NormalizeRows(float[] matrix, int rows, int dim) {
        for (int r = 0; r < rows; r++) {
            double norm = Math.sqrt(dot(matrix, r * dim, matrix, r * dim, dim));
            if (norm > 0) {
                for (int i = 0; i < dim; i++) {
                    matrix[r * dim + i] = (float) (matrix[r * dim + i] / norm);
                }
            }
        }
    }

    @Override
    public void weightedSum(float[][] vectors, float[] weights, float[] out) {
        check(vectors.length == weights.length, "one weight per vector");
        for (int i = 0; i < out.length; i++) {
            double s = 0;
            for (int v = 0; v < vectors.length; v++) {
                s += (double) weights[v] * vectors[v][i];
            }
            out[i] = (float) s;
        }
    }

    @Override
    public void attention(float[] q, float[] k, float[] v, boolean[] mask, int t, int d, float[] out) {
        double scale = 1.0 / Math.sqrt(d);
        double[] w = new double[t];
        for (int i = 0; i < t; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < t; j++) {
                w[j] = mask != null && !mask[j] ? Double.NEGATIVE_INFINITY : dot(q, i * d, k, j * d, d) * scale;
                max = Math.max(max, w[j]);
            }
            double sum = 0;
            for (int j = 0; j < t; j++) {
                w[j] = max == Double.NEGATIVE_INFINITY ? 0 : Math.exp(w[j] - max);
                sum += w[j];
            }
            for (int c = 0; c < d; c++) {
                double s = 0;
                for (int j = 0; j < t; j++) {
                    s += sum == 0 ? 0 : w[j] / sum * v[j * d + c];
                }
                out[i * d + c] = (float) s;
            }
        }
    }

    @Override
    public int[] topK(float[] scores, int k) {
        return topKOf(scores, k);
    }

    /** Bounded-heap top-K: best first, ties by lower index, skips -inf and NaN. */
    private static int[] topKOf(float[] scores, int k) {
        if (k <= 0) {
            return new int[0];
        }
        // Min-heap on (score, -index): the root is the weakest of the kept items.
        PriorityQueue<Integer> heap = new PriorityQueue<>(Math.min(k, scores.length) + 1, (x, y) -> {
            int c = Float.compare(scores[x], scores[y]);
            return c != 0 ? c : Integer.compare(y, x);
        });
        for (int i = 0; i < scores.length; i++) {
            float s = scores[i];
            if (Float.isNaN(s) || s == Float.NEGATIVE_INFINITY) {
                continue;
            }
            if (heap.size() < k) {
                heap.add(i);
            } else {
                int weakest = heap.peek();
                if (s > scores[weakest] || (s == scores[weakest] && i < weakest)) {
                    heap.poll();
                    heap.add(i);
                }
            }
        }
        int[] out = new int[heap.size()];
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = heap.poll();
        }
        return out;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("bad arguments: " + what);
        }
    }
}
