package dev.braid.plugin.fusion;

import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Modality;

/**
 * One modality's slice of a concatenated vector with its standardisation statistics. Immutable.
 */
record Block(Modality modality, int offset, int dim, double weight, Standardizer stats) {

    /** Learns the standardisation statistics over the present rows of {@code matrix}. */
    static Block fit(Modality modality, int offset, double weight, FeatureMatrix matrix, double minStdRatio) {
        return new Block(modality, offset, matrix.dim(), weight, Standardizer.fit(matrix, minStdRatio));
    }

    /** Writes {@code factor * normalise(standardise(x))} into {@code out[offset .. offset+dim)}. */
    void write(float[] x, double factor, float[] out) {
        FusionParams.checkDimension("concat", modality, x, dim);
        double[] z = new double[dim];
        double norm = stats.apply(x, z);
        if (norm == 0) {
            return;
        }
        double k = factor / Math.sqrt(norm);
        for (int d = 0; d < dim; d++) {
            out[offset + d] = (float) (z[d] * k);
        }
    }
}
