package dev.braid.plugin.factorization;

/**
 * Dense content vectors (e.g. after random projection) kept twice, item-major ({@code items x dim}) and
 * feature-major ({@code dim x items}), so that the two products of a VBPR mini-batch run as long, contiguous
 * multiply-add loops that the JIT vectorises: the projection of every item ({@code E F^T}) and the update of the
 * projection from the touched items' gradients ({@code G^T F}). The projection is passed content-factor-major
 * ({@code Et[c * dim + f]}).
 */
final class DenseContent {
    /** Content at least this dense (share of non-zeros) is kept dense. */
    static final double MIN_DENSITY = 0.25;
    /** At most this many floats per copy. */
    static final long MAX_FLOATS = 1L << 26;

    final int items;
    final int dim;
    private final float[] rows;
    private final float[] columns;

    private DenseContent(int items, int dim, float[] rows, float[] columns) {
        this.items = items;
        this.dim = dim;
        this.rows = rows;
        this.columns = columns;
    }

    /** The dense copy of these rows, or null when they are sparse or too large to copy. */
    static DenseContent of(SparseRows content) {
        long cells = (long) content.rows * content.dim;
        if (cells == 0 || cells > MAX_FLOATS || content.vals.length < MIN_DENSITY * cells) {
            return null;
        }
        int n = content.rows;
        int d = content.dim;
        float[] rows = new float[n * d];
        float[] columns = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int x = content.rowStart[i]; x < content.rowStart[i + 1]; x++) {
                rows[i * d + content.cols[x]] = content.vals[x];
                columns[content.cols[x] * n + i] = content.vals[x];
            }
        }
        return new DenseContent(n, d, rows, columns);
    }

    /**
     * {@code proj[i * kc + c] = Σ_f et[c * dim + f] F[i, f]} and {@code bias[i] = β · F[i]} for every item;
     * {@code scratch} holds {@code kc x items} floats.
     */
    void project(float[] et, float[] beta, int kc, float[] scratch, float[] proj, float[] bias) {
        final int n = items;
        java.util.Arrays.fill(scratch, 0, kc * n, 0f);
        java.util.Arrays.fill(bias, 0, n, 0f);
        for (int c = 0; c < kc; c++) {
            int so = c * n;
            int eo = c * dim;
            for (int f = 0; f < dim; f++) {
                float w = et[eo + f];
                int co = f * n;
                for (int i = 0; i < n; i++) {
                    scratch[so + i] += w * columns[co + i];
                }
            }
        }
        for (int f = 0; f < dim; f++) {
            float w = beta[f];
            int co = f * n;
            for (int i = 0; i < n; i++) {
                bias[i] += w * columns[co + i];
            }
        }
        for (int c = 0; c < kc; c++) {
            int so = c * n;
            for (int i = 0; i < n; i++) {
                proj[i * kc + c] = scratch[so + i];
            }
        }
    }

    /**
     * Adds {@code step * Σ_t g[t] ⊗ F[t]} to {@code et} and {@code step * Σ_t gb[t] F[t]} to {@code beta} over the
     * touched items {@code touched[0..count)}; {@code g} is item-major ({@code items x kc}).
     */
    void addGradient(float[] et, float[] beta, int kc, int[] touched, int count, float[] g, float[] gb, float step) {
        final int d = dim;
        for (int t = 0; t < count; t++) {
            int item = touched[t];
            int ro = item * d;
            for (int c = 0; c < kc; c++) {
                float w = step * g[item * kc + c];
                int eo = c * d;
                for (int f = 0; f < d; f++) {
                    et[eo + f] += w * rows[ro + f];
                }
            }
            float w = step * gb[item];
            for (int f = 0; f < d; f++) {
                beta[f] += w * rows[ro + f];
            }
        }
    }
}
