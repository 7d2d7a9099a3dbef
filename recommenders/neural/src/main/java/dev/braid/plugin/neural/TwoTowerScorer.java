package dev.braid.plugin.neural;

import dev.braid.api.compute.ComputeBackend;

/**
 * Scores with a trained tower and no DJL: the item vectors of the whole catalog are computed once; a user's vector
 * is the normalised mean of their history items' vectors; a score is {@code cos(user, item) / temperature + bias}.
 * Read-only after construction, so scoring threads share it.
 */
final class TwoTowerScorer {
    final TowerWeights weights;
    final ContentInput content;
    final float temperature;
    final int items;
    /** {@code items x dim}, unit rows. */
    final float[] itemVectors;
    private final ComputeBackend backend;

    TwoTowerScorer(TowerWeights weights, ContentInput content, float temperature, int items,
                   ComputeBackend backend) {
        this.weights = weights;
        this.content = content;
        this.temperature = temperature;
        this.items = items;
        this.backend = backend;
        int[] all = new int[items];
        for (int i = 0; i < items; i++) {
            all[i] = i;
        }
        this.itemVectors = weights.itemVectors(backend, content.rows(), items, all);
    }

    /**
     * The unit user vector of this history (catalog indices): the mean of the history's item vectors plus the
     * user's embedding ({@code user} is the training row, or -1), normalised; null for no history and no embedding.
     */
    float[] userVector(int user, int[] history) {
        boolean embedded = user >= 0 && weights.users() != null;
        if (history.length == 0 && !embedded) {
            return null;
        }
        int d = weights.dim();
        float[] u = new float[d];
        for (int i : history) {
            for (int j = 0; j < d; j++) {
                u[j] += itemVectors[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            u[j] = history.length == 0 ? 0f : u[j] / history.length;
            if (embedded) {
                u[j] += weights.users()[user * d + j];
            }
        }
        backend.l2NormalizeRows(u, 1, d);
        return u;
    }

    /** The unit vector of a query by example (a vector in the fused space), through the content tower. */
    float[] exampleVector(float[] fusedVector) {
        float[] x = content.transform(fusedVector, backend);
        return weights.itemVectors(backend, x, 1, null);
    }

    /** Scores every item against a unit user vector; null (nothing known) gets the biases alone. */
    void score(float[] unitUser, float[] out) {
        if (unitUser == null) {
            java.util.Arrays.fill(out, 0, items, 0f);
        } else {
            backend.matvec(itemVectors, items, weights.dim(), unitUser, out);
        }
        finish(null, out);
    }

    /** {@link #score(float[], float[])} for the candidates only: {@code out[k]} is the score of {@code candidates[k]}. */
    void score(float[] unitUser, int[] candidates, float[] out) {
        int d = weights.dim();
        if (unitUser == null) {
            java.util.Arrays.fill(out, 0f);
        } else {
            float[] rows = new float[candidates.length * d];
            for (int k = 0; k < candidates.length; k++) {
                System.arraycopy(itemVectors, candidates[k] * d, rows, k * d, d);
            }
            backend.matvec(rows, candidates.length, d, unitUser, out);
        }
        finish(candidates, out);
    }

    /** Divides cosines by the temperature and adds the item biases; {@code candidates} null means every item. */
    private void finish(int[] candidates, float[] out) {
        int n = candidates == null ? items : candidates.length;
        float inv = 1 / temperature;
        float[] bias = weights.bias();
        for (int k = 0; k < n; k++) {
            out[k] *= inv;
            if (bias != null) {
                out[k] += bias[candidates == null ? k : candidates[k]];
            }
        }
    }
}
