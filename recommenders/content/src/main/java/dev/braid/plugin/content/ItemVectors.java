package dev.braid.plugin.content;

import dev.braid.api.compute.ComputeBackend;
import dev.braid.api.compute.UnitVectors;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.generator.TrainingData;
import java.util.BitSet;

/**
 * The catalog's fused vectors scaled to unit length, row-major, with the rows that hold a vector. Never modified
 * after construction (the arrays are only read), so generators share it across scoring threads.
 */
final class ItemVectors {
    final int rows;
    final int dim;
    final float[] unit;
    final BitSet present;

    private ItemVectors(int rows, int dim, float[] unit, BitSet present) {
        this.rows = rows;
        this.dim = dim;
        this.unit = unit;
        this.present = present;
    }

    /**
     * Reads the fused matrix of the training data and normalises it with the backend.
     *
     * @throws IllegalStateException    when the pipeline has no fused features
     * @throws IllegalArgumentException when the fused matrix does not match the catalog
     */
    static ItemVectors of(TrainingData data, String who, ComputeBackend backend) {
        FeatureMatrix fused = data.features().requireFused(who);
        if (fused.rows() != data.catalog().size()) {
            throw new IllegalArgumentException(who + ": the fused matrix has " + fused.rows()
                    + " rows but the catalog has " + data.catalog().size() + " items");
        }
        // A present but all-zero vector has no direction: unitRows treats it like a missing one.
        FeatureMatrix unit = UnitVectors.unitRows(fused, backend);
        return new ItemVectors(unit.rows(), unit.dim(), unit.sharedValues(), unit.presence());
    }

    boolean has(int item) {
        return present.get(item);
    }

    /** Adds {@code w * row(item)} to {@code acc}. */
    void addRow(int item, double w, double[] acc) {
        int base = item * dim;
        for (int d = 0; d < dim; d++) {
            acc[d] += w * unit[base + d];
        }
    }

    /**
     * Dot products of the unit rows with {@code v} (cosines when {@code v} is a unit vector): of every row, or of
     * the {@code candidates}' rows only ({@code out[k]} for {@code candidates[k]}).
     */
    void dots(float[] v, int[] candidates, float[] out, ComputeBackend backend) {
        if (candidates == null) {
            backend.matvec(unit, rows, dim, v, out);
            return;
        }
        float[] picked = new float[candidates.length * dim];
        for (int k = 0; k < candidates.length; k++) {
            System.arraycopy(unit, candidates[k] * dim, picked, k * dim, dim);
        }
        backend.matvec(picked, candidates.length, dim, v, out);
    }

    /** Dot product of two unit rows (their cosine). */
    float cosine(int a, int b, ComputeBackend backend) {
        return backend.dot(unit, a * dim, unit, b * dim, dim);
    }
}
