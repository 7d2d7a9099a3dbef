package dev.braid.plugin.factorization;

import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.io.Fingerprint;

/**
 * Item content vectors in compressed sparse rows, each row scaled to unit length (absent rows are empty). TF-IDF
 * blocks are mostly zeros, so the content terms of VBPR cost in proportion to a row's non-zeros, not its
 * dimension.
 */
final class SparseRows {
    final int rows;
    final int dim;
    final int[] rowStart;
    final int[] cols;
    final float[] vals;

    private SparseRows(int rows, int dim, int[] rowStart, int[] cols, float[] vals) {
        this.rows = rows;
        this.dim = dim;
        this.rowStart = rowStart;
        this.cols = cols;
        this.vals = vals;
    }

    static SparseRows of(FeatureMatrix m) {
        float[] v = m.sharedValues();
        int d = m.dim();
        int nnz = 0;
        for (int r = 0; r < m.rows(); r++) {
            if (m.isPresent(r)) {
                for (int c = 0; c < d; c++) {
                    if (v[r * d + c] != 0f) {
                        nnz++;
                    }
                }
            }
        }
        int[] start = new int[m.rows() + 1];
        int[] cols = new int[nnz];
        float[] vals = new float[nnz];
        int p = 0;
        for (int r = 0; r < m.rows(); r++) {
            start[r] = p;
            if (!m.isPresent(r)) {
                continue;
            }
            double norm = 0;
            for (int c = 0; c < d; c++) {
                float x = v[r * d + c];
                norm += x * x;
            }
            double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
            for (int c = 0; c < d; c++) {
                float x = v[r * d + c];
                if (x != 0f) {
                    cols[p] = c;
                    vals[p] = (float) (x * scale);
                    p++;
                }
            }
        }
        start[m.rows()] = p;
        return new SparseRows(m.rows(), d, start, cols, vals);
    }

    /** The number of stored non-zeros per row, on average. */
    double meanNonZeros() {
        return rows == 0 ? 0 : cols.length / (double) rows;
    }

    /**
     * These rows as dense {@code target}-dimensional unit vectors: {@code x R} with {@code R} a seeded Gaussian
     * matrix ({@code dim x target}, entries N(0, 1)), then L2-normalised. Empty rows stay empty.
     */
    SparseRows randomProjection(int target, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        float[] proj = new float[dim * target];
        for (int a = 0; a < proj.length; a++) {
            proj[a] = (float) gaussian(r);
        }
        int[] start = new int[rows + 1];
        int present = 0;
        for (int i = 0; i < rows; i++) {
            present += rowStart[i + 1] > rowStart[i] ? 1 : 0;
        }
        int[] outCols = new int[present * target];
        float[] outVals = new float[present * target];
        double[] acc = new double[target];
        int p = 0;
        for (int i = 0; i < rows; i++) {
            start[i] = p;
            if (rowStart[i + 1] == rowStart[i]) {
                continue;
            }
            java.util.Arrays.fill(acc, 0);
            for (int x = rowStart[i]; x < rowStart[i + 1]; x++) {
                float v = vals[x];
                int base = cols[x] * target;
                for (int c = 0; c < target; c++) {
                    acc[c] += v * proj[base + c];
                }
            }
            double norm = 0;
            for (double a : acc) {
                norm += a * a;
            }
            double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
            for (int c = 0; c < target; c++) {
                outCols[p] = c;
                outVals[p] = (float) (acc[c] * scale);
                p++;
            }
        }
        start[rows] = p;
        return new SparseRows(rows, target, start, outCols, outVals);
    }

    private static double gaussian(java.util.SplittableRandom r) {
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    long fingerprint() {
        long h = Fingerprint.mix(Fingerprint.start(), rows);
        h = Fingerprint.mix(h, dim);
        for (int i = 0; i < cols.length; i++) {
            h = Fingerprint.mix(h, cols[i]);
            h = Fingerprint.mix(h, Float.floatToIntBits(vals[i]));
        }
        return h;
    }
}
