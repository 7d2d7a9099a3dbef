package dev.braid.plugin.factorization;

import dev.braid.api.data.FeatureMatrix;

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

    long fingerprint() {
        long h = Hash64.mix(Hash64.start(), rows);
        h = Hash64.mix(h, dim);
        for (int i = 0; i < cols.length; i++) {
            h = Hash64.mix(h, cols[i]);
            h = Hash64.mix(h, Float.floatToIntBits(vals[i]));
        }
        return h;
    }
}
