package dev.braid.plugin.retrieval;

import dev.braid.api.compute.ComputeBackend;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-only {@link ComputeBackend} written as plain loops, so the generators can be tested without the runtime's
 * backends. Follows the interface's contracts literally (including top-K tie-breaking by lower index).
 */
public final class PlainLoopBackend implements ComputeBackend {

    @Override
    public String name() {
        return "test-plain-loops";
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

    @Override
    public void matvec(float[] matrix, int rows, int dim, float[] query, float[] out) {
        for (int r = 0; r < rows; r++) {
            out[r] = dot(matrix, r * dim, query, 0, dim);
        }
    }

    @Override
    public void l2NormalizeRows(float[] matrix, int rows, int dim) {
        for (int r = 0; r < rows; r++) {
            double norm = Math.sqrt(dot(matrix, r * dim, matrix, r * dim, dim));
            if (norm > 0) {
                for (int d = 0; d < dim; d++) {
                    matrix[r * dim + d] = (float) (matrix[r * dim + d] / norm);
                }
            }
        }
    }

    @Override
    public void weightedSum(float[][] vectors, float[] weights, float[] out) {
        java.util.Arrays.fill(out, 0f);
        for (int i = 0; i < vectors.length; i++) {
            for (int d = 0; d < out.length; d++) {
                out[d] += weights[i] * vectors[i][d];
            }
        }
    }

    @Override
    public void attention(float[] q, float[] k, float[] v, boolean[] mask, int t, int d, float[] out) {
        double scale = 1 / Math.sqrt(d);
        for (int i = 0; i < t; i++) {
            double[] w = new double[t];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < t; j++) {
                w[j] = mask[j] ? dot(q, i * d, k, j * d, d) * scale : Double.NEGATIVE_INFINITY;
                max = Math.max(max, w[j]);
            }
            double sum = 0;
            for (int j = 0; j < t; j++) {
                w[j] = mask[j] ? Math.exp(w[j] - max) : 0;
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
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] != Float.NEGATIVE_INFINITY && !Float.isNaN(scores[i])) {
                idx.add(i);
            }
        }
        idx.sort((x, y) -> scores[x] != scores[y] ? Float.compare(scores[y], scores[x]) : Integer.compare(x, y));
        return idx.stream().limit(k).mapToInt(Integer::intValue).toArray();
    }
}
