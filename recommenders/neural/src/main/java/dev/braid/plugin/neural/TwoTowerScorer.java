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
     * Scores every item for a user with this history (catalog indices): the mean of the history's item vectors plus
     * the user's embedding ({@code user} is the training row, or -1), normalised. Nothing at all gets the biases.
     */
    void scoreHistory(int user, int[] history, float[] out) {
        boolean embedded = user >= 0 && weights.users() != null;
        if (history.length == 0 && !embedded) {
            scoreVector(null, out);
            return;
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
        scoreVector(u, out);
    }

    /** Scores every item against a query by example (a vector in the fused space), through the content tower. */
    void scoreExample(float[] fusedVector, float[] out) {
        float[] x = content.transform(fusedVector, backend);
        scoreVector(weights.itemVectors(backend, x, 1, null), out);
    }

    private void scoreVector(float[] unitUser, float[] out) {
        if (unitUser == null) {
            java.util.Arrays.fill(out, 0, items, 0f);
        } else {
            backend.matvec(itemVectors, items, weights.dim(), unitUser, out);
            float inv = 1 / temperature;
            for (int i = 0; i < items; i++) {
                out[i] *= inv;
            }
        }
        if (weights.bias() != null) {
            for (int i = 0; i < items; i++) {
                out[i] += weights.bias()[i];
            }
        }
    }
}
