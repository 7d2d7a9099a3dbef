package dev.braid.plugin.neural;

import dev.braid.api.compute.ComputeBackend;
import dev.braid.api.data.FeatureMatrix;
import java.util.SplittableRandom;

/**
 * The item tower's content input: the fused vectors, reduced by a seeded Gaussian random projection when they are
 * wider than {@code inputDimension}, then each row scaled to length {@code sqrt(width)} (so every coordinate is of
 * order one whatever the fusion's scale; absent rows stay zero). The projection is a function of the seed and the
 * sizes only, so it is recomputed rather than stored in the model file.
 *
 * @param width   input width of the tower (0 = no content)
 * @param rows    {@code items x width}, row-major
 * @param project {@code sourceDim x width} projection, or null when the vectors are used as they are
 */
record ContentInput(int sourceDim, int width, float[] rows, float[] project) {

    static ContentInput none(int items) {
        return new ContentInput(0, 0, new float[0], null);
    }

    static ContentInput of(FeatureMatrix m, int inputDimension, long seed, ComputeBackend backend) {
        int n = m.rows();
        int f = m.dim();
        float[] proj = null;
        int width = f;
        float[] x;
        if (inputDimension > 0 && f > inputDimension) {
            width = inputDimension;
            proj = projection(f, width, seed);
            x = new float[n * width];
            backend.matmul(m.sharedValues(), proj, x, n, f, width);
        } else {
            x = m.sharedValues().clone();
        }
        for (int r = 0; r < n; r++) {
            if (!m.isPresent(r)) {
                java.util.Arrays.fill(x, r * width, (r + 1) * width, 0f);
            }
        }
        scaleRows(x, n, width, backend);
        return new ContentInput(f, width, x, proj);
    }

    /** The tower input of one vector in the source (fused) space, e.g. a query by example. */
    float[] transform(float[] v, ComputeBackend backend) {
        if (v.length != sourceDim) {
            throw new IllegalArgumentException("query vector has " + v.length + " dimensions, the item tower was "
                    + "trained on " + sourceDim);
        }
        float[] x = new float[width];
        if (project != null) {
            backend.matmul(v, project, x, 1, sourceDim, width);
        } else {
            System.arraycopy(v, 0, x, 0, width);
        }
        scaleRows(x, 1, width, backend);
        return x;
    }

    private static void scaleRows(float[] x, int n, int width, ComputeBackend backend) {
        backend.l2NormalizeRows(x, n, width);
        float s = (float) Math.sqrt(width);
        for (int i = 0; i < x.length; i++) {
            x[i] *= s;
        }
    }

    private static float[] projection(int from, int to, long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x50524F4A45435431L);
        float[] p = new float[from * to];
        double s = 1 / Math.sqrt(to);
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (r.nextGaussian() * s);
        }
        return p;
    }
}
