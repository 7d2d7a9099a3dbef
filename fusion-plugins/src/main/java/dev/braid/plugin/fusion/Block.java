package dev.braid.plugin.fusion;

import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Modality;

/**
 * One modality's slice of a concatenated vector with its standardisation statistics. Immutable (the arrays are
 * never exposed).
 */
record Block(Modality modality, int offset, int dim, double weight, double[] mean, double[] invStd) {

    /** Learns mean and inverse standard deviation per dimension over the present rows of {@code matrix}. */
    static Block fit(Modality modality, int offset, double weight, FeatureMatrix matrix) {
        int dim = matrix.dim();
        double[] mean = new double[dim];
        double[] sq = new double[dim];
        float[] v = matrix.sharedValues();
        int n = 0;
        for (int r = 0; r < matrix.rows(); r++) {
            if (!matrix.isPresent(r)) {
                continue;
            }
            n++;
            int base = r * dim;
            for (int d = 0; d < dim; d++) {
                mean[d] += v[base + d];
            }
        }
        double[] invStd = new double[dim];
        if (n == 0) {
            java.util.Arrays.fill(invStd, 1.0);
            return new Block(modality, offset, dim, weight, mean, invStd);
        }
        for (int d = 0; d < dim; d++) {
            mean[d] /= n;
        }
        // Two passes: numerically safer than E[x^2] - E[x]^2.
        for (int r = 0; r < matrix.rows(); r++) {
            if (!matrix.isPresent(r)) {
                continue;
            }
            int base = r * dim;
            for (int d = 0; d < dim; d++) {
                double dev = v[base + d] - mean[d];
                sq[d] += dev * dev;
            }
        }
        for (int d = 0; d < dim; d++) {
            double std = Math.sqrt(sq[d] / n);
            // A dimension that never varies carries no information: map it to 0 rather than divide by ~0.
            invStd[d] = std > 1e-12 + 1e-9 * Math.abs(mean[d]) ? 1.0 / std : 0.0;
        }
        return new Block(modality, offset, dim, weight, mean, invStd);
    }

    /** Writes {@code factor * normalise(standardise(x))} into {@code out[offset .. offset+dim)}. */
    void write(float[] x, double factor, float[] out) {
        if (x.length != dim) {
            throw new IllegalArgumentException("concat: the " + modality.key() + " vector has dimension " + x.length
                    + ", but fit saw " + dim);
        }
        double[] z = new double[dim];
        double norm = 0;
        for (int d = 0; d < dim; d++) {
            z[d] = (x[d] - mean[d]) * invStd[d];
            norm += z[d] * z[d];
        }
        if (norm == 0) {
            return;
        }
        double k = factor / Math.sqrt(norm);
        for (int d = 0; d < dim; d++) {
            out[offset + d] = (float) (z[d] * k);
        }
    }
}
