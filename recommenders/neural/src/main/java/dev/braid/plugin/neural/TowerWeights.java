package dev.braid.plugin.neural;

import dev.braid.api.compute.ComputeBackend;
import dev.braid.api.io.ModelFile;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The trained item tower as plain float arrays: {@code t_i = relu(x_i W1 + b1) W2 + b2 + e_i}, normalised to unit
 * length, plus an optional item bias. Training (DJL) fills it; scoring, saving and loading use it without DJL, so
 * serving never calls the engine. Immutable once built.
 *
 * @param input  width of the (projected) content input, 0 when the tower has no content path
 * @param hidden hidden width
 * @param dim    output dimension
 * @param w1     {@code input x hidden}, row-major
 * @param b1     {@code hidden}
 * @param w2     {@code hidden x dim}, row-major
 * @param b2     {@code dim}
 * @param ids    {@code items x dim} id embeddings, or null without them
 * @param bias   {@code items} biases, or null without them
 * @param users  {@code numUsers x dim} user embeddings (training users in matrix order), or null without them
 */
record TowerWeights(int input, int hidden, int dim, float[] w1, float[] b1, float[] w2, float[] b2, float[] ids,
                    float[] bias, float[] users) {
    /** The file format of two-tower models: header, then {@link #write}'s arrays. */
    static final ModelFile FILE = new ModelFile(0x4252_4149_444E_4E31L, 1, "neural model"); // "BRAIDNN1"

    /**
     * The unit-length item vectors of {@code rows} content inputs ({@code rows x input}, row-major); with
     * {@code items} (catalog indices, or null) their id embeddings are added.
     */
    float[] itemVectors(ComputeBackend backend, float[] content, int rows, int[] items) {
        float[] out = new float[rows * dim];
        if (input > 0) {
            float[] h = new float[rows * hidden];
            backend.matmul(content, w1, h, rows, input, hidden);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < hidden; j++) {
                    float v = h[r * hidden + j] + b1[j];
                    h[r * hidden + j] = v > 0 ? v : 0;
                }
            }
            backend.matmul(h, w2, out, rows, hidden, dim);
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < dim; j++) {
                out[r * dim + j] += b2[j] + (ids != null && items != null ? ids[items[r] * dim + j] : 0f);
            }
        }
        backend.l2NormalizeRows(out, rows, dim);
        return out;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(input);
        out.writeInt(hidden);
        out.writeInt(dim);
        ModelFile.writeFloats(out, w1);
        ModelFile.writeFloats(out, b1);
        ModelFile.writeFloats(out, w2);
        ModelFile.writeFloats(out, b2);
        out.writeBoolean(ids != null);
        if (ids != null) {
            ModelFile.writeFloats(out, ids);
        }
        out.writeBoolean(bias != null);
        if (bias != null) {
            ModelFile.writeFloats(out, bias);
        }
        out.writeBoolean(users != null);
        if (users != null) {
            out.writeInt(users.length / dim);
            ModelFile.writeFloats(out, users);
        }
    }

    static TowerWeights read(DataInputStream in, int items, int numUsers) throws IOException {
        int input = in.readInt();
        int hidden = in.readInt();
        int dim = in.readInt();
        float[] w1 = ModelFile.readFloats(in, input * hidden, "w1");
        float[] b1 = ModelFile.readFloats(in, hidden, "b1");
        float[] w2 = ModelFile.readFloats(in, hidden * dim, "w2");
        float[] b2 = ModelFile.readFloats(in, dim, "b2");
        float[] ids = in.readBoolean() ? ModelFile.readFloats(in, items * dim, "ids") : null;
        float[] bias = in.readBoolean() ? ModelFile.readFloats(in, items, "bias") : null;
        float[] users = null;
        if (in.readBoolean()) {
            int n = in.readInt();
            if (n != numUsers) {
                throw new IOException("users: " + n + " user embeddings, expected " + numUsers);
            }
            users = ModelFile.readFloats(in, numUsers * dim, "users");
        }
        return new TowerWeights(input, hidden, dim, w1, b1, w2, b2, ids, bias, users);
    }
}
