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
 * positives). The collaborative parameters ({@code p, q, b, θ}) take a step on every draw. The content parameters
 * ({@code E, β}) are trained in one of two ways:
 * <ul>
 *   <li>{@code batch > 1} (mini-batch): the projections {@code E f_i} and {@code β · f_i} of every item are cached;
 *   a batch of draws scores against the cache and accumulates each item's gradient on its projection
 *   ({@code ±z θ_u - λ E f_i}, and {@code ±z - λ β · f_i} for the bias: each drawn item's projection is regularised
 *   like its factors, with {@code λ} capped at {@code 1 / (lr · batch)} since a batch's sum is one step); at the end
 *   of the batch {@code E} and {@code β} take one step with the summed gradient ({@code ΔE = lr Σ_i g_i f_iᵀ}, one
 *   pass over the touched items' features) and one L2 shrinkage {@code (1 - lr λ_E)}, and the cache is recomputed.
 *   Per draw this costs {@code O(k + kc)}, not {@code O(kc × content non-zeros)};</li>
 *   <li>{@code batch == 1} (per draw, the original update): each draw projects both items afresh and updates the
 *   columns of {@code E} and {@code β} on their non-zero features, with the L2 shrinkage on every such update. On
 *   dense content every draw shrinks all of {@code E}, which keeps it near zero on large data sets.</li>
 * </ul>
 * An item without positives in the data it is trained on has no collaborative part (zero factors and bias, never
 * sampled), so it is ranked by its content terms {@code θ_u · E f_i + β · f_i} alone: the cold-start path.
 *
 * <p>{@code E} is stored feature-major ({@code E[f * kc + c]}) so a row's projection reads contiguous blocks.
 */
final class VbprModel implements FactorModel {
    /** The collaborative part ({@code p, q, b}, with learning rate and regularisation): a BPR model's parameters. */
    private final BprModel collaborative;
    // The collaborative part's sizes, hyper-parameters and arrays, read directly by the training loops.
    final int users;
    final int items;
    final int k;
    /** Draw the positive pair user-first (see {@link Positives#drawPair}). */
    boolean userSampling;
    /** Draws per update of the content parameters; 1 = every draw (see the class comment). */
    int batch = 1;
    /** Weight of the content-only loss in mini-batch training (see the class comment); 0 = none. */
    float contentOnly;
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
    /** The training positives whose unknown items last had their collaborative part cleared. */
    private Positives cleared;
    /** Dense copies of the content for the mini-batch products, or null when it is sparse (built on first use). */
    private DenseContent dense;
    private boolean denseChecked;

    private VbprModel(BprModel collaborative, int kc, float regContent, SparseRows content, float[] theta, float[] e,
                      float[] beta) {
        this.collaborative = collaborative;
        this.users = collaborative.users;
        this.items = collaborative.items;
        this.k = collaborative.k;
        this.kc = kc;
        this.lr = collaborative.learningRate;
        this.reg = collaborative.regularization;
        this.regContent = regContent;
        this.content = content;
        this.p = collaborative.userFactors;
        this.q = collaborative.itemFactors;
        this.b = collaborative.bias;
        this.theta = theta;
        this.e = e;
        this.beta = beta;
    }

    static VbprModel init(Positives all, SparseRows content, int k, int kc, double lr, double reg, double regContent,
                          long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        BprModel collaborative = BprModel.init(all, k, lr, reg, true, r);
        float[] theta = new float[all.numUsers * kc];
        float[] e = new float[content.dim * kc];
        BprModel.fillUniform(theta, r, 0.5f / kc);
        BprModel.fillUniform(e, r, 0.5f / kc);
        return new VbprModel(collaborative, kc, (float) regContent, content, theta, e, new float[content.dim]);
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
        if (cleared != train) {
            clearUnknownItems(train);
            cleared = train;
        }
        if (batch > 1) {
            miniBatchEpoch(train, random);
        } else {
            perDrawEpoch(train, random);
        }
    }

    /**
     * Items without positives in {@code train} are never sampled, so their factors would keep their random
     * initial values (e.g. items whose only positives were held out for validation): zero them, so that such an
     * item is scored by its content terms alone.
     */
    private void clearUnknownItems(Positives train) {
        boolean[] known = new boolean[items];
        for (int i : train.knownItems) {
            known[i] = true;
        }
        for (int i = 0; i < items; i++) {
            if (!known[i]) {
                java.util.Arrays.fill(q, i * k, (i + 1) * k, 0f);
                b[i] = 0f;
            }
        }
    }

    /** Runs the mini-batch products over the sparse rows even when the content is dense (for tests). */
    void useSparseProducts() {
        dense = null;
        denseChecked = true;
    }

    /** The mini-batch update (see the class comment). */
    private void miniBatchEpoch(Positives train, SplittableRandom random) {
        final int n = train.size();
        final float[] g = new float[items * kc];
        final float[] gb = new float[items];
        final int[] touched = new int[items];
        final boolean[] isTouched = new boolean[items];
        // The projections' L2 gradients of a whole batch are applied in one explicit step: above lr · λ · batch = 1
        // that step overshoots (and diverges on correlated dense content), so λ is capped there.
        final float projReg = Math.min(reg, 1f / (lr * batch));
        if (!denseChecked) {
            dense = DenseContent.of(content);
            denseChecked = true;
        }
        // Dense content: E is worked on content-factor-major (Et[c * dim + f]) for the two products.
        final float[] et = dense == null ? null : transpose(e, content.dim, kc);
        final float[] scratch = dense == null ? null : new float[kc * items];
        final int[] uij = new int[3];
        if (dense == null) {
            refresh();
        } else {
            dense.project(et, beta, kc, scratch, projected(), contentBias());
        }
        for (int s0 = 0; s0 < n; s0 += batch) {
            final float[] proj = projected;
            final float[] cb = contentBias;
            int nt = 0;
            int s1 = Math.min(n, s0 + batch);
            for (int s = s0; s < s1; s++) {
                if (!train.drawTriple(random, userSampling, uij)) {
                    continue;
                }
                int u = uij[0];
                int i = uij[1];
                int j = uij[2];
                int uo = u * k;
                int io = i * k;
                int jo = j * k;
                int to = u * kc;
                int ci = i * kc;
                int cj = j * kc;
                float xc = cb[i] - cb[j];
                for (int c = 0; c < kc; c++) {
                    xc += theta[to + c] * (proj[ci + c] - proj[cj + c]);
                }
                float x = Vectors.addPairMargin(xc + b[i] - b[j], p, uo, q, io, jo, k);
                float z = (float) (1.0 / (1.0 + Math.exp(x)));
                // The content terms also get the gradient of the content-only loss ln σ(xc), weighted.
                float zc = z + (contentOnly > 0 ? contentOnly * (float) (1.0 / (1.0 + Math.exp(xc))) : 0f);
                Vectors.pairStep(p, uo, q, io, jo, k, z, lr, reg);
                Vectors.biasStep(b, i, j, z, lr, reg);
                // The two items' projections E f and β · f are regularised on each draw like their factors.
                for (int c = 0; c < kc; c++) {
                    float t = theta[to + c];
                    float pi = proj[ci + c];
                    float pj = proj[cj + c];
                    theta[to + c] = t + lr * (zc * (pi - pj) - reg * t);
                    g[ci + c] += zc * t - projReg * pi;
                    g[cj + c] -= zc * t + projReg * pj;
                }
                gb[i] += zc - projReg * cb[i];
                gb[j] -= zc + projReg * cb[j];
                if (!isTouched[i]) {
                    isTouched[i] = true;
                    touched[nt++] = i;
                }
                if (!isTouched[j]) {
                    isTouched[j] = true;
                    touched[nt++] = j;
                }
            }
            if (dense == null) {
                applyContentGradient(touched, nt, isTouched, g, gb);
                refresh();
            } else {
                shrinkContent(et);
                dense.addGradient(et, beta, kc, touched, nt, g, gb, lr);
                for (int t = 0; t < nt; t++) {
                    int item = touched[t];
                    java.util.Arrays.fill(g, item * kc, (item + 1) * kc, 0f);
                    gb[item] = 0f;
                    isTouched[item] = false;
                }
                dense.project(et, beta, kc, scratch, projected, contentBias);
            }
        }
        if (dense != null) {
            float[] back = transpose(et, kc, content.dim);
            System.arraycopy(back, 0, e, 0, e.length);
        }
    }

    /** The L2 step of a mini-batch on the content parameters: {@code (1 - lr λ_E)} on E (as given) and β. */
    private void shrinkContent(float[] projection) {
        float shrink = 1 - lr * regContent;
        for (int a = 0; a < projection.length; a++) {
            projection[a] *= shrink;
        }
        for (int a = 0; a < beta.length; a++) {
            beta[a] *= shrink;
        }
    }

    /** A {@code rows x cols} row-major matrix transposed. */
    private static float[] transpose(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }

    private float[] projected() {
        if (projected == null) {
            projected = new float[items * kc];
        }
        return projected;
    }

    private float[] contentBias() {
        if (contentBias == null) {
            contentBias = new float[items];
        }
        return contentBias;
    }

    /**
     * One step of {@code E} and {@code β}: the L2 shrinkage, then {@code lr Σ_i v_i ⊗ g_i} over the touched items'
     * non-zero features. Clears the accumulators it read.
     */
    private void applyContentGradient(int[] touched, int nt, boolean[] isTouched, float[] g, float[] gb) {
        shrinkContent(e);
        final int[] rowStart = content.rowStart;
        final int[] cols = content.cols;
        final float[] vals = content.vals;
        for (int t = 0; t < nt; t++) {
            int item = touched[t];
            int go = item * kc;
            float gbi = lr * gb[item];
            for (int x = rowStart[item]; x < rowStart[item + 1]; x++) {
                float v = lr * vals[x];
                int f = cols[x];
                int base = f * kc;
                for (int c = 0; c < kc; c++) {
                    e[base + c] += v * g[go + c];
                }
                beta[f] += vals[x] * gbi;
            }
            java.util.Arrays.fill(g, go, go + kc, 0f);
            gb[item] = 0f;
            isTouched[item] = false;
        }
    }

    /** The per-draw update (see the class comment). */
    private void perDrawEpoch(Positives train, SplittableRandom random) {
        final int n = train.size();
        float[] ci = new float[kc];
        float[] cj = new float[kc];
        float[] th = new float[kc];
        int[] uij = new int[3];
        for (int s = 0; s < n; s++) {
            if (!train.drawTriple(random, userSampling, uij)) {
                continue;
            }
            int u = uij[0];
            int i = uij[1];
            int j = uij[2];
            project(i, ci);
            project(j, cj);
            int uo = u * k;
            int io = i * k;
            int jo = j * k;
            int to = u * kc;
            float x = Vectors.addPairMargin(b[i] - b[j] + contentBias(i) - contentBias(j), p, uo, q, io, jo, k);
            for (int c = 0; c < kc; c++) {
                x += theta[to + c] * (ci[c] - cj[c]);
            }
            float z = (float) (1.0 / (1.0 + Math.exp(x)));
            Vectors.pairStep(p, uo, q, io, jo, k, z, lr, reg);
            Vectors.biasStep(b, i, j, z, lr, reg);
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
        refresh();
    }

    /** Recomputes the cached {@code E f_i} and {@code β · f_i} of every item (one pass over the content). */
    private void refresh() {
        float[] proj = projected == null ? new float[items * kc] : projected;
        float[] cb = contentBias == null ? new float[items] : contentBias;
        java.util.Arrays.fill(proj, 0f);
        final int[] rowStart = content.rowStart;
        final int[] cols = content.cols;
        final float[] vals = content.vals;
        for (int i = 0; i < items; i++) {
            int po = i * kc;
            float s = 0;
            for (int x = rowStart[i]; x < rowStart[i + 1]; x++) {
                float v = vals[x];
                int base = cols[x] * kc;
                for (int c = 0; c < kc; c++) {
                    proj[po + c] += v * e[base + c];
                }
                s += v * beta[cols[x]];
            }
            cb[i] = s;
        }
        projected = proj;
        contentBias = cb;
    }

    @Override
    public float score(int user, int item) {
        float s = b[item] + contentBias[item];
        if (user >= 0) {
            s += Vectors.dot(p, user * k, q, item * k, k) + Vectors.dot(theta, user * kc, projected, item * kc, kc);
        }
        return s;
    }

    @Override
    public VbprModel copy() {
        VbprModel m = new VbprModel(collaborative.copy(), kc, regContent, content, theta.clone(), e.clone(),
                beta.clone());
        m.userSampling = userSampling;
        m.batch = batch;
        m.contentOnly = contentOnly;
        m.prepare();
        return m;
    }

    /** Writes the collaborative sizes, the content sizes, the collaborative parameters, the content parameters. */
    @Override
    public void write(DataOutputStream out) throws IOException {
        collaborative.writeShape(out);
        out.writeInt(kc);
        out.writeInt(content.dim);
        collaborative.writeParameters(out);
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
        BprModel collaborative = BprModel.readParameters(in, users, items, k, lr, reg, true);
        VbprModel m = new VbprModel(collaborative, kc, (float) regContent, content,
                ModelFile.readFloats(in, users * kc, "user content factors"),
                ModelFile.readFloats(in, dim * kc, "content projection"), ModelFile.readFloats(in, dim, "content bias"));
        m.prepare();
        return m;
    }
}
