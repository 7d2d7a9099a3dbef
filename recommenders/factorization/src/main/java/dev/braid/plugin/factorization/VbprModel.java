package dev.braid.plugin.factorization;

import dev.braid.api.io.ModelFile;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * VBPR (He and McAuley, AAAI 2016) over the fused content vector {@code f_i}:
 * {@code x(u, i) = b_i + p_u · q_i + θ_u · (E f_i) + β · f_i}, where {@code E} (content factors x content
 * dimension) projects the item's content into a space shared with the user's content factors {@code θ_u}, and
 * {@code β} is a content bias. Trained like {@link BprModel} (pairwise SGD, negatives among the items with
 * positives); {@code E} and {@code β} are updated only on the non-zero features of the two sampled items. An item
 * without training positives keeps zero collaborative factors and bias, so it is ranked by its content alone: the
 * cold-start path.
 *
 * <p>{@code E} is stored feature-major ({@code E[f * kc + c]}) so a sparse row's projection reads contiguous
 * blocks.
 */
final class VbprModel implements FactorModel {
    final int users;
    final int items;
    final int k;
    /** Draw the positive pair user-first (see {@link Positives#drawPair}). */
    boolean userSampling;
    final int kc;
    final float lr;
    final float reg;
    final float regContent;
    final SparseRows content;
    final float[] p;
    final float[] q;
    final float[] b;
    final float[] theta;
    final float[] e;
    final float[] beta;
    /** Cached {@code E f_i} per item ({@code items x kc}) and {@code β · f_i}, refreshed by {@link #prepare}. */
    private float[] projected;
    private float[] contentBias;

    private VbprModel(int users, int items, int k, int kc, float lr, float reg, float regContent, SparseRows content,
                      float[] p, float[] q, float[] b, float[] theta, float[] e, float[] beta) {
        this.users = users;
        this.items = items;
        this.k = k;
        this.kc = kc;
        this.lr = lr;
        this.reg = reg;
        this.regContent = regContent;
        this.content = content;
        this.p = p;
        this.q = q;
        this.b = b;
        this.theta = theta;
        this.e = e;
        this.beta = beta;
    }

    static VbprModel init(Positives all, SparseRows content, int k, int kc, double lr, double reg, double regContent,
                          long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] p = new float[all.numUsers * k];
        float[] q = new float[all.numItems * k];
        float[] theta = new float[all.numUsers * kc];
        float[] e = new float[content.dim * kc];
        BprModel.fillUniform(p, r, 0.5f / k);
        BprModel.fillUniform(q, r, 0.5f / k);
        BprModel.fillUniform(theta, r, 0.5f / kc);
        BprModel.fillUniform(e, r, 0.5f / kc);
        BprModel.zeroUnknownRows(q, all, k);
        return new VbprModel(all.numUsers, all.numItems, k, kc, (float) lr, (float) reg, (float) regContent, content,
                p, q, new float[all.numItems], theta, e, new float[content.dim]);
    }

    private void project(int item, float[] out) {
        java.util.Arrays.fill(out, 0f);
        for (int x = content.rowStart[item]; x < content.rowStart[item + 1]; x++) {
            float v = content.vals[x];
            int base = content.cols[x] * kc;
            for (int c = 0; c < kc; c++) {
                out[c] += v * e[base + c];
            }
        }
    }

    private float contentBias(int item) {
        float s = 0;
        for (int x = content.rowStart[item]; x < content.rowStart[item + 1]; x++) {
            s += content.vals[x] * beta[content.cols[x]];
        }
        return s;
    }

    /** Adds {@code step * v * g} to the E columns and β of an item's non-zero features, with L2 shrinkage. */
    private void updateContent(int item, float step, float[] g) {
        for (int x = content.rowStart[item]; x < content.rowStart[item + 1]; x++) {
            float v = content.vals[x];
            int f = content.cols[x];
            int base = f * kc;
            for (int c = 0; c < kc; c++) {
                e[base + c] += lr * (step * v * g[c] - regContent * e[base + c]);
            }
            beta[f] += lr * (step * v - regContent * beta[f]);
        }
    }

    @Override
    public void epoch(Positives train, SplittableRandom random) {
        final int n = train.size();
        float[] ci = new float[kc];
        float[] cj = new float[kc];
        float[] th = new float[kc];
        for (int s = 0; s < n; s++) {
            int idx = train.drawPair(random, userSampling);
            int u = train.users[idx];
            int i = train.items[idx];
            int j = train.drawItem(random);
            if (train.contains(u, j)) {
                continue;
            }
            project(i, ci);
            project(j, cj);
            int uo = u * k;
            int io = i * k;
            int jo = j * k;
            int to = u * kc;
            float x = b[i] - b[j] + contentBias(i) - contentBias(j);
            for (int f = 0; f < k; f++) {
                x += p[uo + f] * (q[io + f] - q[jo + f]);
            }
            for (int c = 0; c < kc; c++) {
                x += theta[to + c] * (ci[c] - cj[c]);
            }
            float z = (float) (1.0 / (1.0 + Math.exp(x)));
            for (int f = 0; f < k; f++) {
                float uf = p[uo + f];
                float qi = q[io + f];
                float qj = q[jo + f];
                p[uo + f] = uf + lr * (z * (qi - qj) - reg * uf);
                q[io + f] = qi + lr * (z * uf - reg * qi);
                q[jo + f] = qj + lr * (-z * uf - reg * qj);
            }
            b[i] += lr * (z - reg * b[i]);
            b[j] += lr * (-z - reg * b[j]);
            for (int c = 0; c < kc; c++) {
                float t = theta[to + c];
                th[c] = t;
                theta[to + c] = t + lr * (z * (ci[c] - cj[c]) - reg * t);
            }
            updateContent(i, z, th);
            updateContent(j, -z, th);
        }
    }

    @Override
    public void prepare() {
        float[] proj = new float[items * kc];
        float[] cb = new float[items];
        float[] buf = new float[kc];
        for (int i = 0; i < items; i++) {
            project(i, buf);
            System.arraycopy(buf, 0, proj, i * kc, kc);
            cb[i] = contentBias(i);
        }
        projected = proj;
        contentBias = cb;
    }

    @Override
    public void scoreUser(int user, float[] out) {
        float[] proj = projected;
        float[] cb = contentBias;
        int uo = user * k;
        int to = user * kc;
        for (int i = 0; i < items; i++) {
            float s = b[i] + cb[i];
            int io = i * k;
            for (int f = 0; f < k; f++) {
                s += p[uo + f] * q[io + f];
            }
            int co = i * kc;
            for (int c = 0; c < kc; c++) {
                s += theta[to + c] * proj[co + c];
            }
            out[i] = s;
        }
    }

    @Override
    public void scoreUnknownUser(float[] out) {
        for (int i = 0; i < items; i++) {
            out[i] = b[i] + contentBias[i];
        }
    }

    @Override
    public VbprModel copy() {
        VbprModel m = new VbprModel(users, items, k, kc, lr, reg, regContent, content, p.clone(), q.clone(),
                b.clone(), theta.clone(), e.clone(), beta.clone());
        m.userSampling = userSampling;
        m.prepare();
        return m;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(users);
        out.writeInt(items);
        out.writeInt(k);
        out.writeInt(kc);
        out.writeInt(content.dim);
        ModelFile.writeFloats(out, p);
        ModelFile.writeFloats(out, q);
        ModelFile.writeFloats(out, b);
        ModelFile.writeFloats(out, theta);
        ModelFile.writeFloats(out, e);
        ModelFile.writeFloats(out, beta);
    }

    static VbprModel read(DataInputStream in, SparseRows content, double lr, double reg, double regContent)
            throws IOException {
        int users = in.readInt();
        int items = in.readInt();
        int k = in.readInt();
        int kc = in.readInt();
        int dim = in.readInt();
        if (dim != content.dim || items != content.rows) {
            throw new IOException("content " + items + " x " + dim + ", expected " + content.rows + " x "
                    + content.dim);
        }
        VbprModel m = new VbprModel(users, items, k, kc, (float) lr, (float) reg, (float) regContent, content,
                ModelFile.readFloats(in, users * k, "user factors"), ModelFile.readFloats(in, items * k, "item factors"),
                ModelFile.readFloats(in, items, "item biases"), ModelFile.readFloats(in, users * kc, "user content factors"),
                ModelFile.readFloats(in, dim * kc, "content projection"), ModelFile.readFloats(in, dim, "content bias"));
        m.prepare();
        return m;
    }
}
