package dev.braid.plugin.fusion;

import dev.braid.api.compute.ComputeBackend;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Modality;
import java.util.List;

/**
 * Maps one modality's vectors to a unit vector of the common dimension: standardise (optional, clamped; see
 * {@link Standardizer}), project ({@link Projection}), then scale to unit L2 norm (a zero result stays zero).
 * Immutable.
 *
 * @param modality the modality
 * @param stats    standardisation statistics (identity when standardisation is off)
 * @param proj     the projection to the common dimension
 */
record ModalityProjector(Modality modality, Standardizer stats, Projection proj) {

    /** The settings the strategies share. */
    record Settings(ProjectionKind kind, int dimension, boolean standardise, double minStdRatio,
                    int powerIterations) {
    }

    /**
     * Fits the projector on the present rows of a modality's matrix.
     *
     * @throws IllegalArgumentException when {@code kind} is NONE and the modality's dimension is not the common one
     */
    static ModalityProjector fit(String who, Modality m, FeatureMatrix matrix, Settings s, long seed,
                                 ComputeBackend backend) {
        Standardizer stats = s.standardise() ? Standardizer.fit(matrix, s.minStdRatio())
                : Standardizer.identity(matrix.dim());
        int d = matrix.dim();
        Projection proj = switch (s.kind()) {
            case NONE -> {
                if (d != s.dimension()) {
                    throw new IllegalArgumentException(who + ": projection none needs every modality to have "
                            + "dimension " + s.dimension() + ", but " + m.key() + " has " + d
                            + " (use projection pca or random, or set dimension)");
                }
                yield Projection.identity(d);
            }
            case RANDOM -> Projection.random(d, s.dimension(), seed ^ (0x9E3779B97F4A7C15L * (m.ordinal() + 1)));
            case PCA -> {
                int n = matrix.presentCount();
                float[] z = new float[n * d];
                double[] buf = new double[d];
                int r = 0;
                for (int i = 0; i < matrix.rows(); i++) {
                    float[] row = matrix.row(i);
                    if (row != null) {
                        stats.apply(row, buf);
                        for (int c = 0; c < d; c++) {
                            z[r * d + c] = (float) buf[c];
                        }
                        r++;
                    }
                }
                yield Projection.pca(z, n, d, s.dimension(), s.powerIterations(),
                        seed ^ (0x9E3779B97F4A7C15L * (m.ordinal() + 1)), backend);
            }
        };
        return new ModalityProjector(m, stats, proj);
    }

    /** The unit vector of {@code x} in the common space (zeros when it projects to zero). */
    float[] unit(String who, float[] x, ComputeBackend backend) {
        FusionParams.checkDimension(who, modality, x, stats.dim());
        double[] z = new double[x.length];
        stats.apply(x, z);
        float[] zf = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            zf[i] = (float) z[i];
        }
        float[] y = proj.apply(zf, backend);
        backend.l2NormalizeRows(y, 1, y.length);
        return y;
    }

    /**
     * The backend's weighted sum of unit vectors of {@code dimension}: vector {@code i} weighs
     * {@code weights[i] / total} (total 1 for weights already normalised).
     */
    static float[] weightedSum(ComputeBackend backend, List<float[]> units, List<? extends Number> weights,
                               double total, int dimension) {
        float[] w = new float[weights.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (weights.get(i).doubleValue() / total);
        }
        float[] out = new float[dimension];
        backend.weightedSum(units.toArray(float[][]::new), w, out);
        return out;
    }
}
