package dev.braid.api.data;

import java.util.Arrays;
import java.util.BitSet;

/**
 * One vector per catalog item, row-major, with a presence mask: a row is absent when the item has no vector
 * (the modality is missing or failed to encode). Absent rows hold zeros and must be treated as missing, never
 * as a real zero vector.
 */
public final class FeatureMatrix {
    private final int rows;
    private final int dim;
    private final float[] values;
    private final BitSet present;

    /**
     * @param values  row-major {@code rows x dim} values; copied
     * @param present which rows hold a vector; copied
     */
    public FeatureMatrix(int rows, int dim, float[] values, BitSet present) {
        if (rows < 0 || dim < 0 || values.length != (long) rows * dim) {
            throw new IllegalArgumentException("expected " + rows + " x " + dim + " values, got " + values.length);
        }
        this.rows = rows;
        this.dim = dim;
        this.values = values.clone();
        this.present = (BitSet) present.clone();
        for (int r = 0; r < rows; r++) {
            if (!this.present.get(r)) {
                Arrays.fill(this.values, r * dim, (r + 1) * dim, 0f);
            }
        }
    }

    /** Builds a matrix from rows, where a {@code null} row is absent. Every present row must have length dim. */
    public static FeatureMatrix ofRows(int dim, float[][] rowVectors) {
        float[] data = new float[rowVectors.length * dim];
        BitSet mask = new BitSet(rowVectors.length);
        for (int r = 0; r < rowVectors.length; r++) {
            float[] v = rowVectors[r];
            if (v == null) {
                continue;
            }
            if (v.length != dim) {
                throw new IllegalArgumentException("row " + r + " has dimension " + v.length + ", expected " + dim);
            }
            System.arraycopy(v, 0, data, r * dim, dim);
            mask.set(r);
        }
        return new FeatureMatrix(rowVectors.length, dim, data, mask);
    }

    public int rows() {
        return rows;
    }

    public int dim() {
        return dim;
    }

    public boolean isPresent(int row) {
        return present.get(row);
    }

    /** How many rows hold a vector. */
    public int presentCount() {
        return present.cardinality();
    }

    /** A copy of the presence mask. */
    public BitSet presence() {
        return (BitSet) present.clone();
    }

    /** A copy of a row, or {@code null} when it is absent. */
    public float[] row(int row) {
        return present.get(row) ? Arrays.copyOfRange(values, row * dim, (row + 1) * dim) : null;
    }

    public float get(int row, int col) {
        return values[row * dim + col];
    }

    /**
     * The row-major backing array, shared for speed (kernels stream over it). Callers must not modify it.
     */
    public float[] sharedValues() {
        return values;
    }
}
