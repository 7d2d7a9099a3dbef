package dev.braid.plugin.fusion;

import dev.braid.api.compute.ComputeBackend;

/**
 * The gating network of {@link GatedFusion}: one linear score per modality from the item's own unit vector,
 * {@code s_m = w_m · u_m + b_m}, and a softmax over the present modalities. Mutable while training; read-only
 * once the strategy is published.
 */
final class Gate {
    final int modalities;
    final int dim;
    /** Row-major {@code modalities x dim}. */
    final float[] w;
    final float[] b;
    private double[] meanWeights;

    Gate(int modalities, int dim) {
        this.modalities = modalities;
        this.dim = dim;
        this.w = new float[modalities * dim];
        this.b = new float[modalities];
        this.meanWeights = new double[modalities];
    }

    void set(float[] weights, float[] biases) {
        if (weights.length != w.length || biases.length != b.length) {
            throw new IllegalArgumentException("gate: expected " + w.length + " weights and " + b.length
                    + " biases, got " + weights.length + " and " + biases.length);
        }
        System.arraycopy(weights, 0, w, 0, w.length);
        System.arraycopy(biases, 0, b, 0, b.length);
    }

    /**
     * The softmax weights over the present modalities ({@code u[m] == null}: absent, weight 0).
     *
     * @param u one unit vector per modality, or null
     */
    float[] weights(float[][] u, ComputeBackend backend) {
        float[] alpha = new float[modalities];
        double max = Double.NEGATIVE_INFINITY;
        double[] s = new double[modalities];
        for (int m = 0; m < modalities; m++) {
            if (u[m] != null) {
                s[m] = backend.dot(w, m * dim, u[m], 0, dim) + b[m];
                max = Math.max(max, s[m]);
            }
        }
        double sum = 0;
        for (int m = 0; m < modalities; m++) {
            if (u[m] != null) {
                s[m] = Math.exp(s[m] - max);
                sum += s[m];
            }
        }
        for (int m = 0; m < modalities; m++) {
            alpha[m] = u[m] == null ? 0f : (float) (s[m] / sum);
        }
        return alpha;
    }

    /** Same as {@link #weights} for catalog item {@code i} of the training arrays. */
    void weights(float[][] units, boolean[][] present, int i, float[] alpha) {
        double max = Double.NEGATIVE_INFINITY;
        double[] s = new double[modalities];
        for (int m = 0; m < modalities; m++) {
            if (present[m][i]) {
                double dot = 0;
                for (int c = 0; c < dim; c++) {
                    dot += w[m * dim + c] * units[m][i * dim + c];
                }
                s[m] = dot + b[m];
                max = Math.max(max, s[m]);
            }
        }
        double sum = 0;
        for (int m = 0; m < modalities; m++) {
            if (present[m][i]) {
                s[m] = Math.exp(s[m] - max);
                sum += s[m];
            }
        }
        for (int m = 0; m < modalities; m++) {
            alpha[m] = present[m][i] ? (float) (s[m] / sum) : 0f;
        }
    }

    /** Records the mean weight per modality over the items that have at least one modality. */
    void updateMeanWeights(float[][] units, boolean[][] present, int n) {
        double[] mean = new double[modalities];
        float[] alpha = new float[modalities];
        int count = 0;
        for (int i = 0; i < n; i++) {
            boolean any = false;
            for (int m = 0; m < modalities; m++) {
                any |= present[m][i];
            }
            if (!any) {
                continue;
            }
            weights(units, present, i, alpha);
            for (int m = 0; m < modalities; m++) {
                mean[m] += alpha[m];
            }
            count++;
        }
        for (int m = 0; m < modalities; m++) {
            mean[m] = count == 0 ? 0 : mean[m] / count;
        }
        meanWeights = mean;
    }

    double[] meanWeights() {
        return meanWeights.clone();
    }
}
