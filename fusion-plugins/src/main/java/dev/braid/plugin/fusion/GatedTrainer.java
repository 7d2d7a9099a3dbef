package dev.braid.plugin.fusion;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.generator.EarlyStopping;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link Gate} with BPR against the cosine scores of the content-profile generator (see
 * {@link GatedFusion} and {@link InteractionSplit}), with a seeded validation split of each user's interactions and
 * early stopping. Single-threaded and deterministic for a seed.
 */
public final class GatedTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(GatedTrainer.class);
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double ADAM_EPS = 1e-8;

    /**
     * One epoch's figures.
     *
     * @param epoch         0 before training
     * @param trainLoss     mean BPR loss over the epoch's triples (NaN for epoch 0)
     * @param validationAuc AUC of held-out items against sampled negatives
     */
    public record Epoch(int epoch, double trainLoss, double validationAuc) {
    }

    private final GatedConfig config;
    private final boolean concat;
    private final float[][] units;
    private final boolean[][] present;
    private final int n;
    private final int d;
    private final int mCount;
    private final int outDim;
    private final boolean[] usable;
    private final InteractionSplit split;

    GatedTrainer(GatedConfig config, boolean concat, ProjectedModalities projected, InteractionMatrix interactions,
                 long seed) {
        this.config = config;
        this.concat = concat;
        this.units = projected.units();
        this.present = projected.present();
        this.n = projected.items();
        this.d = projected.dimension();
        this.mCount = units.length;
        this.outDim = concat ? mCount * d : d;
        this.usable = projected.usable();
        this.split = validationSplit(config, usable, interactions, seed);
    }

    /** The split training uses for a seed: the same held-out items and negatives every time. */
    static InteractionSplit validationSplit(GatedConfig config, boolean[] usable, InteractionMatrix interactions,
                                            long seed) {
        return config.training().split(interactions, usable, seed ^ 0x5DEECE66DL);
    }

    /** The validation split (its held-out items and negatives are fixed at construction). */
    InteractionSplit split() {
        return split;
    }

    /** Trains the gate in place and returns the figures of every epoch run. */
    List<Epoch> train(Gate gate, ProgressListener progress) {
        List<Epoch> history = new ArrayList<>();
        float[] fused = new float[n * outDim];
        float[] unit = new float[n * outDim];
        double[] norms = new double[n];
        float[] alpha = new float[n * mCount];
        fuseAll(gate, fused, alpha, unit, norms);
        double untrainedAuc = split.auc(unit, outDim);
        history.add(new Epoch(0, Double.NaN, untrainedAuc));
        LOG.info("{}: {} validation pairs; before training validation AUC {}", GatedFusion.NAME,
                split.validation.size(), String.format("%.4f", untrainedAuc));
        EarlyStopping stopping = new EarlyStopping(config.training().patience(), untrainedAuc);
        float[] bestW = gate.w.clone();
        float[] bestB = gate.b.clone();
        double[] mw = new double[gate.w.length];
        double[] vw = new double[gate.w.length];
        double[] mb = new double[gate.b.length];
        double[] vb = new double[gate.b.length];
        int step = 0;
        progress.start(GatedFusion.NAME + ": training gates (BPR on cosine scores)", config.epochs());
        float[] grad = new float[n * outDim];
        boolean[] touched = new boolean[n];
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            int[] order = split.shuffledUsers();
            double lossSum = 0;
            long triples = 0;
            for (int start = 0; start < order.length; start += config.training().batchUsers()) {
                int end = Math.min(order.length, start + config.training().batchUsers());
                fuseAll(gate, fused, alpha, unit, norms);
                Arrays.fill(touched, false);
                long batchTriples = 0;
                for (int k = start; k < end; k++) {
                    int[] h = split.fitHistory[order[k]];
                    if (h.length < 2) {
                        continue;
                    }
                    lossSum += userGradient(order[k], h, unit, grad, touched);
                    batchTriples += h.length;
                }
                if (batchTriples == 0) {
                    continue;
                }
                triples += batchTriples;
                toRawGradient(unit, norms, grad, touched);
                float[] gw = new float[gate.w.length];
                float[] gb = new float[gate.b.length];
                backprop(gate, alpha, grad, touched, gw, gb, batchTriples);
                step++;
                adam(gate.w, gw, mw, vw, step, config.l2());
                adam(gate.b, gb, mb, vb, step, 0);
            }
            fuseAll(gate, fused, alpha, unit, norms);
            double auc = split.auc(unit, outDim);
            double loss = triples == 0 ? Double.NaN : lossSum / triples;
            history.add(new Epoch(epoch, loss, auc));
            LOG.info("{}: epoch {} loss {} validation AUC {}", GatedFusion.NAME, epoch, String.format("%.4f", loss),
                    String.format("%.4f", auc));
            progress.advance(1);
            if (stopping.improves(epoch, auc)) {
                bestW = gate.w.clone();
                bestB = gate.b.clone();
            } else if (stopping.exhausted()) {
                LOG.info("{}: early stop after epoch {} (best validation AUC {})", GatedFusion.NAME, epoch,
                        String.format("%.4f", stopping.best()));
                break;
            }
        }
        progress.finish();
        gate.set(bestW, bestB);
        return history;
    }

    /**
     * Accumulates the gradient of one user's BPR triples into {@code grad}, taken w.r.t. each item's <em>unit</em>
     * fused vector; returns the summed loss. One triple per history item {@code i}: the leave-one-out profile
     * {@code q} (sum of the other history items' unit vectors) normalised to {@code p}, a sampled negative {@code j},
     * and {@code x = scale · p · (û_i - û_j)}, the scaled difference of the two cosines the content-profile
     * generator ranks by; the loss is {@code -log σ(x)}.
     */
    private double userGradient(int user, int[] h, float[] unit, float[] grad, boolean[] touched) {
        double scale = config.training().scoreScale();
        double[] sum = new double[outDim];
        for (int i : h) {
            for (int c = 0; c < outDim; c++) {
                sum[c] += unit[i * outDim + c];
            }
        }
        double[] total = new double[outDim];
        double[][] own = new double[h.length][];
        double loss = 0;
        double[] p = new double[outDim];
        double[] delta = new double[outDim];
        for (int a = 0; a < h.length; a++) {
            int i = h[a];
            int j = split.negative(user);
            double qq = 0;
            for (int c = 0; c < outDim; c++) {
                p[c] = sum[c] - unit[i * outDim + c];
                qq += p[c] * p[c];
            }
            double qNorm = Math.sqrt(qq);
            if (!(qNorm > 1e-12)) {
                continue; // the other history items cancel out: no direction to rank by
            }
            double pd = 0;
            for (int c = 0; c < outDim; c++) {
                p[c] /= qNorm;
                delta[c] = unit[i * outDim + c] - unit[j * outDim + c];
                pd += p[c] * delta[c];
            }
            double x = scale * pd;
            loss += x > 0 ? Math.log1p(Math.exp(-x)) : -x + Math.log1p(Math.exp(x));
            double g = -scale / (1.0 + Math.exp(x)); // dL/d(p · delta)
            touch(i, grad, touched);
            touch(j, grad, touched);
            own[a] = new double[outDim];
            for (int c = 0; c < outDim; c++) {
                grad[i * outDim + c] += (float) (g * p[c]);
                grad[j * outDim + c] -= (float) (g * p[c]);
                // through the normalised profile: d(p · delta)/dq = (delta - (p · delta) p) / |q|
                double dq = g * (delta[c] - pd * p[c]) / qNorm;
                own[a][c] = dq;
                total[c] += dq;
            }
        }
        // every history item is in the profile of every triple but its own
        for (int a = 0; a < h.length; a++) {
            int i = h[a];
            touch(i, grad, touched);
            for (int c = 0; c < outDim; c++) {
                grad[i * outDim + c] += (float) (total[c] - (own[a] == null ? 0 : own[a][c]));
            }
        }
        return loss;
    }

    /** From gradients w.r.t. unit vectors to gradients w.r.t. the raw fused vectors: (g - (g · û) û) / |f|. */
    private void toRawGradient(float[] unit, double[] norms, float[] grad, boolean[] touched) {
        for (int i = 0; i < n; i++) {
            if (!touched[i]) {
                continue;
            }
            if (!(norms[i] > 0)) {
                Arrays.fill(grad, i * outDim, (i + 1) * outDim, 0f);
                continue;
            }
            double gu = 0;
            for (int c = 0; c < outDim; c++) {
                gu += grad[i * outDim + c] * unit[i * outDim + c];
            }
            for (int c = 0; c < outDim; c++) {
                grad[i * outDim + c] = (float) ((grad[i * outDim + c] - gu * unit[i * outDim + c]) / norms[i]);
            }
        }
    }

    private void touch(int item, float[] grad, boolean[] touched) {
        if (!touched[item]) {
            touched[item] = true;
            Arrays.fill(grad, item * outDim, (item + 1) * outDim, 0f);
        }
    }

    /** From the gradient w.r.t. fused vectors to the gate parameters, averaged over {@code count} triples. */
    private void backprop(Gate gate, float[] alpha, float[] grad, boolean[] touched, float[] gw, float[] gb,
                          long count) {
        double[] dAlpha = new double[mCount];
        for (int i = 0; i < n; i++) {
            if (!touched[i]) {
                continue;
            }
            double s = 0;
            for (int m = 0; m < mCount; m++) {
                if (!present[m][i]) {
                    continue;
                }
                double da = 0;
                int off = concat ? m * d : 0;
                for (int c = 0; c < d; c++) {
                    da += grad[i * outDim + off + c] * units[m][i * d + c];
                }
                dAlpha[m] = da;
                s += alpha[i * mCount + m] * da;
            }
            for (int m = 0; m < mCount; m++) {
                if (!present[m][i]) {
                    continue;
                }
                double dLogit = alpha[i * mCount + m] * (dAlpha[m] - s) / count;
                gb[m] += (float) dLogit;
                for (int c = 0; c < d; c++) {
                    gw[m * d + c] += (float) (dLogit * units[m][i * d + c]);
                }
            }
        }
    }

    private void adam(float[] param, float[] g, double[] m1, double[] m2, int t, double l2) {
        double lr = config.learningRate();
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        for (int k = 0; k < param.length; k++) {
            double gk = g[k] + l2 * param[k];
            m1[k] = BETA1 * m1[k] + (1 - BETA1) * gk;
            m2[k] = BETA2 * m2[k] + (1 - BETA2) * gk * gk;
            param[k] -= (float) (lr * (m1[k] / c1) / (Math.sqrt(m2[k] / c2) + ADAM_EPS));
        }
    }

    /** Fused vectors, their unit versions and norms, and gate weights of every catalog item under the gate. */
    private void fuseAll(Gate gate, float[] fused, float[] alpha, float[] unit, double[] norms) {
        float[] a = new float[mCount];
        Arrays.fill(fused, 0f);
        for (int i = 0; i < n; i++) {
            if (!usable[i]) {
                continue;
            }
            gate.weights(units, present, i, a);
            System.arraycopy(a, 0, alpha, i * mCount, mCount);
            for (int m = 0; m < mCount; m++) {
                if (!present[m][i]) {
                    continue;
                }
                int off = concat ? m * d : 0;
                for (int c = 0; c < d; c++) {
                    fused[i * outDim + off + c] += a[m] * units[m][i * d + c];
                }
            }
        }
        System.arraycopy(fused, 0, unit, 0, fused.length);
        double[] nn = InteractionSplit.normaliseRows(unit, n, outDim);
        System.arraycopy(nn, 0, norms, 0, n);
    }
}
