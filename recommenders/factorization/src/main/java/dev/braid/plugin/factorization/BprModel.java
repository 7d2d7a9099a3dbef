package dev.braid.plugin.factorization;

import dev.braid.api.io.ModelFile;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * BPR matrix factorisation (Rendle et al., UAI 2009): {@code x(u, i) = b_i + p_u · q_i}, trained by SGD on
 * {@code ln σ(x(u, i) - x(u, j))} for a positive {@code i} and an item {@code j} drawn uniformly among the items
 * that have training positives (a draw that hits one of the user's positives is skipped), with L2 regularisation
 * of every touched parameter. Parameters are flat row-major float arrays; initial factors are uniform in
 * {@code ±0.5 / factors}, except for items without training positives, whose factors and bias stay zero (they
 * are never sampled, so a cold item scores 0 rather than noise).
 */
final class BprModel implements FactorModel {
    final int users;
    final int items;
    final int k;
    /** Draw the positive pair user-first (see {@link Positives#drawPair}). */
    boolean userSampling;
    final float learningRate;
    final float regularization;
    final boolean itemBias;
    final float[] userFactors;
    final float[] itemFactors;
    final float[] bias;

    private BprModel(int users, int items, int k, float learningRate, float regularization, boolean itemBias,
                     float[] userFactors, float[] itemFactors, float[] bias) {
        this.users = users;
        this.items = items;
        this.k = k;
        this.learningRate = learningRate;
        this.regularization = regularization;
        this.itemBias = itemBias;
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
        this.bias = bias;
    }

    /** A freshly initialised model (the same seed gives the same parameters). */
    static BprModel init(Positives all, int k, double learningRate, double regularization, boolean itemBias,
                         long seed) {
        return init(all, k, learningRate, regularization, itemBias, new SplittableRandom(seed));
    }

    /** A freshly initialised model, its factors drawn from {@code r} (which a caller may go on drawing from). */
    static BprModel init(Positives all, int k, double learningRate, double regularization, boolean itemBias,
                         SplittableRandom r) {
        int users = all.numUsers;
        int items = all.numItems;
        float[] p = new float[users * k];
        float[] q = new float[items * k];
        fillUniform(p, r, 0.5f / k);
        fillUniform(q, r, 0.5f / k);
        zeroUnknownRows(q, all, k);
        return new BprModel(users, items, k, (float) learningRate, (float) regularization, itemBias, p, q,
                new float[items]);
    }

    /** Zeroes the rows of items without positives. */
    static void zeroUnknownRows(float[] rows, Positives all, int k) {
        boolean[] known = new boolean[all.numItems];
        for (int i : all.knownItems) {
            known[i] = true;
        }
        for (int i = 0; i < all.numItems; i++) {
            if (!known[i]) {
                java.util.Arrays.fill(rows, i * k, (i + 1) * k, 0f);
            }
        }
    }

    static void fillUniform(float[] a, SplittableRandom r, float halfWidth) {
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) ((r.nextDouble() * 2 - 1) * halfWidth);
        }
    }

    @Override
    public void epoch(Positives train, SplittableRandom random) {
        final int n = train.size();
        final float[] p = userFactors;
        final float[] q = itemFactors;
        final float[] b = bias;
        final float lr = learningRate;
        final float reg = regularization;
        final int kk = k;
        final int[] uij = new int[3];
        for (int s = 0; s < n; s++) {
            if (!train.drawTriple(random, userSampling, uij)) {
                continue;
            }
            int i = uij[1];
            int j = uij[2];
            int uo = uij[0] * kk;
            int io = i * kk;
            int jo = j * kk;
            float x = Vectors.addPairMargin(itemBias ? b[i] - b[j] : 0f, p, uo, q, io, jo, kk);
            float z = (float) (1.0 / (1.0 + Math.exp(x)));
            Vectors.pairStep(p, uo, q, io, jo, kk, z, lr, reg);
            if (itemBias) {
                Vectors.biasStep(b, i, j, z, lr, reg);
            }
        }
    }

    @Override
    public float score(int user, int item) {
        float s = bias[item];
        if (user >= 0) {
            s += Vectors.dot(userFactors, user * k, itemFactors, item * k, k);
        }
        return s;
    }

    @Override
    public BprModel copy() {
        BprModel m = new BprModel(users, items, k, learningRate, regularization, itemBias, userFactors.clone(),
                itemFactors.clone(), bias.clone());
        m.userSampling = userSampling;
        return m;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        writeShape(out);
        writeParameters(out);
    }

    /** Writes the sizes {@link #readParameters} needs: users, items, factors. */
    void writeShape(DataOutputStream out) throws IOException {
        out.writeInt(users);
        out.writeInt(items);
        out.writeInt(k);
    }

    /** Writes the user factors, item factors and item biases. */
    void writeParameters(DataOutputStream out) throws IOException {
        ModelFile.writeFloats(out, userFactors);
        ModelFile.writeFloats(out, itemFactors);
        ModelFile.writeFloats(out, bias);
    }

    /** Reads what {@link #write} wrote; the hyper-parameters come from the configuration. */
    static BprModel read(DataInputStream in, double learningRate, double regularization, boolean itemBias)
            throws IOException {
        int users = in.readInt();
        int items = in.readInt();
        int k = in.readInt();
        return readParameters(in, users, items, k, learningRate, regularization, itemBias);
    }

    /** Reads what {@link #writeParameters} wrote, for the sizes {@link #writeShape} wrote. */
    static BprModel readParameters(DataInputStream in, int users, int items, int k, double learningRate,
                                   double regularization, boolean itemBias) throws IOException {
        float[] p = ModelFile.readFloats(in, users * k, "user factors");
        float[] q = ModelFile.readFloats(in, items * k, "item factors");
        float[] b = ModelFile.readFloats(in, items, "item biases");
        return new BprModel(users, items, k, (float) learningRate, (float) regularization, itemBias, p, q, b);
    }
}
