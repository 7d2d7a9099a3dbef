package dev.braid.plugin.text.sentence;

import dev.braid.platform.onnx.Vectors;

/** Sentence pooling over token vectors: attention-mask mean pooling and L2 normalisation. */
public final class Pooling {

    private Pooling() {
    }

    /**
     * Mean of the token vectors whose mask is 1, for each row of a {@code [rows, tokens, dim]} tensor.
     *
     * @param hidden row-major {@code rows x tokens x dim}
     * @param mask   row-major {@code rows x tokens}, 1 for real tokens, 0 for padding
     * @return {@code rows} vectors of length {@code dim}; a row without real tokens gives a zero vector
     */
    public static float[][] meanPool(float[] hidden, long[] mask, int rows, int tokens, int dim) {
        if (hidden.length != (long) rows * tokens * dim || mask.length != (long) rows * tokens) {
            throw new IllegalArgumentException("shape mismatch: hidden " + hidden.length + ", mask " + mask.length
                    + ", expected " + rows + "x" + tokens + "x" + dim);
        }
        float[][] out = new float[rows][dim];
        for (int r = 0; r < rows; r++) {
            float[] acc = out[r];
            int count = 0;
            for (int t = 0; t < tokens; t++) {
                if (mask[r * tokens + t] == 0) {
                    continue;
                }
                count++;
                int base = (r * tokens + t) * dim;
                for (int d = 0; d < dim; d++) {
                    acc[d] += hidden[base + d];
                }
            }
            if (count > 0) {
                float inv = 1f / count;
                for (int d = 0; d < dim; d++) {
                    acc[d] *= inv;
                }
            }
        }
        return out;
    }

    /** Scales the vector to unit L2 norm in place (a zero vector stays zero); returns it. */
    public static float[] l2Normalize(float[] v) {
        return Vectors.l2Normalize(v);
    }
}
