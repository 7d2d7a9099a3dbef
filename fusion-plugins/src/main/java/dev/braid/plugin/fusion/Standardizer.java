package dev.braid.plugin.fusion;

import dev.braid.api.data.FeatureMatrix;

/**
 * Per-dimension standardisation statistics of one modality, fitted over the items that have it:
 * {@code z_d = (x_d - mean_d) / max(std_d, floor)}.
 *
 * <p><b>Clamping.</b> A dimension whose spread is exactly zero (or zero up to rounding) carries no information and
 * maps to 0. A dimension with a tiny but non-zero spread would otherwise be blown up to unit variance and drown the
 * informative ones, so its standard deviation is clamped from below at {@code floor = minStdRatio * mean_d(std_d)}
 * (the mean spread of the modality's non-constant dimensions): such a dimension keeps its small relative scale.
 * Immutable (the arrays are never exposed).
 */
final class Standardizer {
    private final double[] mean;
    private final double[] invStd;

    private Standardizer(double[] mean, double[] invStd) {
        this.mean = mean;
        this.invStd = invStd;
    }

    /** No-op statistics (mean 0, scale 1) of this dimension. */
    static Standardizer identity(int dim) {
        double[] one = new double[dim];
        java.util.Arrays.fill(one, 1.0);
        return new Standardizer(new double[dim], one);
    }

    /**
     * Learns mean and clamped inverse standard deviation per dimension over the present rows of {@code matrix}.
     *
     * @param minStdRatio the floor of a dimension's standard deviation, relative to the modality's mean spread
     */
    static Standardizer fit(FeatureMatrix matrix, double minStdRatio) {
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
        if (n == 0) {
            return identity(dim);
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
        double[] std = new double[dim];
        boolean[] constant = new boolean[dim];
        double spread = 0;
        int varying = 0;
        for (int d = 0; d < dim; d++) {
            std[d] = Math.sqrt(sq[d] / n);
            // zero up to float rounding of the values: no information
            constant[d] = !(std[d] > 1e-12 + 1e-6 * Math.abs(mean[d]));
            if (!constant[d]) {
                spread += std[d];
                varying++;
            }
        }
        double floor = varying == 0 ? 0 : minStdRatio * spread / varying;
        double[] invStd = new double[dim];
        for (int d = 0; d < dim; d++) {
            invStd[d] = constant[d] ? 0.0 : 1.0 / Math.max(std[d], floor);
        }
        return new Standardizer(mean, invStd);
    }

    int dim() {
        return mean.length;
    }

    /** Writes the standardised {@code x} into {@code out} (same length) and returns its squared L2 norm. */
    double apply(float[] x, double[] out) {
        double norm = 0;
        for (int d = 0; d < mean.length; d++) {
            out[d] = (x[d] - mean[d]) * invStd[d];
            norm += out[d] * out[d];
        }
        return norm;
    }

    /** The inverse standard deviation used for dimension {@code d} (0 for a constant dimension). */
    double invStd(int d) {
        return invStd[d];
    }
}
