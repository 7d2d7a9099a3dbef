package dev.braid.plugin.factorization.hybrid;

import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Modality;

import java.util.Random;

/**
 * One modality's vectors made ready for a ridge map: each dimension standardised on the fitted items (constant
 * dimensions dropped), reduced to its leading principal subspace when wider than {@code maxDimension}, and scaled
 * so that the block's total variance is 1. Equal total variance lets the per-modality weights, not the encoders'
 * dimensions, decide how much each modality counts.
 */
final class ContentBlock {
    final Modality modality;
    /** Per catalog row: the prepared vector, or null when the item lacks the modality. */
    final double[][] rows;
    final int dim;

    private ContentBlock(Modality modality, double[][] rows, int dim) {
        this.modality = modality;
        this.rows = rows;
        this.dim = dim;
    }

    static ContentBlock of(Modality modality, FeatureMatrix m, boolean[] fitItems, int maxDimension, long seed) {
        int n = m.rows();
        int d = m.dim();
        double[] mean = new double[d];
        double[] sq = new double[d];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (fitItems[i] && m.isPresent(i)) {
                float[] r = m.row(i);
                for (int j = 0; j < d; j++) {
                    mean[j] += r[j];
                    sq[j] += (double) r[j] * r[j];
                }
                count++;
            }
        }
        if (count < 2) {
            throw new IllegalArgumentException("hybrid-map: the " + modality.key() + " modality has " + count
                    + " warm items with a vector; at least 2 are needed to learn its map");
        }
        int[] kept = new int[d];
        int k = 0;
        double[] inv = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] /= count;
            double var = sq[j] / count - mean[j] * mean[j];
            if (var > 1e-12) {
                inv[j] = 1 / Math.sqrt(var);
                kept[k++] = j;
            }
        }
        if (k == 0) {
            throw new IllegalArgumentException("hybrid-map: every dimension of the " + modality.key()
                    + " vectors is constant over the warm items: the modality carries no information");
        }
        double[][] z = new double[n][];
        for (int i = 0; i < n; i++) {
            if (m.isPresent(i)) {
                float[] r = m.row(i);
                double[] zi = new double[k];
                for (int c = 0; c < k; c++) {
                    int j = kept[c];
                    zi[c] = (r[j] - mean[j]) * inv[j];
                }
                z[i] = zi;
            }
        }
        if (k > maxDimension) {
            return reduced(modality, z, fitItems, k, maxDimension, seed);
        }
        double scale = 1 / Math.sqrt(k); // every kept dimension has unit variance: total k
        for (double[] zi : z) {
            if (zi != null) {
                for (int c = 0; c < k; c++) {
                    zi[c] *= scale;
                }
            }
        }
        return new ContentBlock(modality, z, k);
    }

    /**
     * Projects on the leading {@code r}-dimensional principal subspace of the fitted rows (randomised subspace
     * iteration; the ridge map is rotation-invariant, so any orthonormal basis of the subspace serves), then scales
     * the block to total variance 1.
     */
    private static ContentBlock reduced(Modality modality, double[][] z, boolean[] fitItems, int k, int r, long seed) {
        Random random = new Random(seed);
        double[][] basis = new double[k][r];
        for (double[] row : basis) {
            for (int j = 0; j < r; j++) {
                row[j] = random.nextGaussian();
            }
        }
        basis = InteractionFactors.orthonormal(basis);
        for (int it = 0; it < 3; it++) {
            double[][] next = new double[k][r];
            for (int i = 0; i < z.length; i++) {
                if (z[i] == null || !fitItems[i]) {
                    continue;
                }
                double[] p = project(z[i], basis, r);
                double[] zi = z[i];
                for (int a = 0; a < k; a++) {
                    double x = zi[a];
                    if (x != 0) {
                        double[] row = next[a];
                        for (int j = 0; j < r; j++) {
                            row[j] += x * p[j];
                        }
                    }
                }
            }
            basis = InteractionFactors.orthonormal(next);
        }
        double[][] out = new double[z.length][];
        double total = 0;
        int count = 0;
        for (int i = 0; i < z.length; i++) {
            if (z[i] != null) {
                out[i] = project(z[i], basis, r);
                if (fitItems[i]) {
                    for (double x : out[i]) {
                        total += x * x;
                    }
                    count++;
                }
            }
        }
        double scale = 1 / Math.sqrt(Math.max(total / Math.max(1, count), 1e-12));
        for (double[] o : out) {
            if (o != null) {
                for (int j = 0; j < r; j++) {
                    o[j] *= scale;
                }
            }
        }
        return new ContentBlock(modality, out, r);
    }

    private static double[] project(double[] x, double[][] basis, int r) {
        double[] p = new double[r];
        for (int a = 0; a < x.length; a++) {
            double xa = x[a];
            if (xa != 0) {
                double[] row = basis[a];
                for (int j = 0; j < r; j++) {
                    p[j] += xa * row[j];
                }
            }
        }
        return p;
    }
}
