package dev.braid.api.compute;

import dev.braid.api.data.FeatureMatrix;
import java.util.BitSet;

/**
 * Unit-length vectors as content scorers compare them (the cosine of two unit vectors is their dot product): one
 * vector scaled to unit length, and the rows of a feature matrix scaled with the rows that have no direction counted
 * as absent. Example: rows {@code (3, 4)}, {@code (0, 0)} (present) and an absent row become {@code (0.6, 0.8)},
 * absent, absent.
 *
 * @since 1.4.0
 */
public final class UnitVectors {
    private UnitVectors() {
    }

    /**
     * Scales {@code v} to a unit float vector.
     *
     * @return the unit vector, or {@code null} when {@code v} is all zeros or not finite (it has no direction)
     */
    public static float[] unitOrNull(double[] v) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        if (!(norm > 0) || Double.isInfinite(norm)) {
            return null;
        }
        double k = 1 / Math.sqrt(norm);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] * k);
        }
        return out;
    }

    /**
     * The rows of {@code matrix} scaled to unit L2 norm by {@code backend}. A present row that is all zeros has no
     * direction: it comes back absent, like a missing vector.
     */
    public static FeatureMatrix unitRows(FeatureMatrix matrix, ComputeBackend backend) {
        int rows = matrix.rows();
        int dim = matrix.dim();
        float[] unit = matrix.sharedValues().clone();
        backend.l2NormalizeRows(unit, rows, dim);
        BitSet present = matrix.presence();
        for (int r = present.nextSetBit(0); r >= 0; r = present.nextSetBit(r + 1)) {
            if (isZero(unit, r * dim, dim)) {
                present.clear(r);
            }
        }
        return new FeatureMatrix(rows, dim, unit, present);
    }

    private static boolean isZero(float[] v, int off, int len) {
        for (int i = 0; i < len; i++) {
            if (v[off + i] != 0f) {
                return false;
            }
        }
        return true;
    }
}
