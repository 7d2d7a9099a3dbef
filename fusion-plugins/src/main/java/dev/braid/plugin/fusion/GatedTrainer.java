package dev.braid.plugin.fusion;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.InteractionMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link Gate} with BPR against the dot-product content profile (see {@link GatedFusion}), with a seeded
 * validation split of each user's interactions and early stopping. Single-threaded and deterministic for a seed.
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
    private final SplittableRandom rnd;
    private final boolean[] usable;
    private final int[] usableItems;
    private final int[][] fitHistory;
    private final int[][] allHistory;
    /** Validation pairs: user, held-out item, then the negatives. */
    private final List<int[]> validation = new ArrayList<>();

    GatedTrainer(GatedConfig config, boolean concat, float[][] units, boolean[][] present, int n, int d,
                 InteractionMatrix interactions, long seed) {
        this.config = config;
        this.concat = concat;
        this.units = units;
        this.present = present;
        this.n = n;
        this.d = d;
        this.mCount = units.length;
        this.outDim = concat ? mCount * d : d;
        this.rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.usable = new boolean[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < mCount; m++) {
                usable[i] |= present[m][i];
            }
            count += usable[i] ? 1 : 0;
        }
        this.usableItems = new int[count];
        for (int i = 0, k = 0; i < n; i++) {
            if (usable[i]) {
                usableItems[k++] = i;
            }
        }
        int users = interactions.numUsers();
        this.fitHistory = new int[users][];
        this.allHistory = new int[users][];
        List<int[]> heldOut = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int[] items = Arrays.stream(interactions.items(u)).filter(i -> usable[i]).toArray();
            allHistory[u] = items;
            List<Integer> fit = new ArrayList<>();
            List<Integer> val = new ArrayList<>();
            for (int i : items) {
                // keep at least two fit items so every user has a leave-one-out profile
                if (items.length >= 4 && rnd.nextDouble() < config.validationFraction()) {
                    val.add(i);
                } else {
                    fit.add(i);
                }
            }
            while (fit.size() < 2 && !val.isEmpty()) {
                fit.add(val.remove(val.size() - 1));
            }
            fitHistory[u] = fit.stream().mapToInt(Integer::intValue).sorted().toArray();
            for (int v : val) {
                heldOut.add(new int[] {u, v});
            }
        }
        for (int[] pair : heldOut) {
            int[] row = new int[2 + config.validationNegatives()];
            row[0] = pair[0];
            row[1] = pair[1];
            for (int k = 0; k < config.validationNegatives(); k++) {
                row[2 + k] = negative(allHistory[pair[0]]);
            }
            validation.add(row);
        }
    }

    /** Trains the gate in place and returns the figures of every epoch run. */
    List<Epoch> train(Gate gate, ProgressListener progress) {
        List<Epoch> history = new ArrayList<>();
        float[] fused = new float[n * outDim];
        float[] alpha = new float[n * mCount];
        fuseAll(gate, fused, alpha);
        double bestAuc = validationAuc(fused);
        history.add(new Epoch(0, Double.NaN, bestAuc));
        LOG.info("{}: {} validation pairs; before training validation AUC {}", GatedFusion.NAME, validation.size(),
                String.format("%.4f", bestAuc));
        float[] bestW = gate.w.clone();
        float[] bestB = gate.b.clone();
        double[] mw = new double[gate.w.length];
        double[] vw = new double[gate.w.length];
        double[] mb = new double[gate.b.length];
        double[] vb = new double[gate.b.length];
        int step = 0;
        int sinceBest = 0;
        int[] order = new int[fitHistory.length];
        for (int u = 0; u < order.length; u++) {
            order[u] = u;
        }
        progress.start(GatedFusion.NAME + ": training gates (BPR)", config.epochs());
        float[] grad = new float[n * outDim];
        boolean[] touched = new boolean[n];
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            shuffle(order);
            double lossSum = 0;
            long triples = 0;
            for (int start = 0; start < order.length; start += config.batchUsers()) {
                int end = Math.min(order.length, start + config.batchUsers());
                fuseAll(gate, fused, alpha);
                Arrays.fill(touched, false);
                long batchTriples = 0;
                for (int k = start; k < end; k++) {
                    int[] h = fitHistory[order[k]];
                    if (h.length < 2) {
                        continue;
                    }
                    lossSum += userGradient(order[k], h, fused, grad, touched);
                    batchTriples += h.length;
                }
                if (batchTriples == 0) {
                    continue;
                }
                triples += batchTriples;
                float[] gw = new float[gate.w.length];
                float[] gb = new float[gate.b.length];
                backprop(gate, alpha, grad, touched, gw, gb, batchTriples);
                step++;
                adam(gate.w, gw, mw, vw, step, config.l2());
                adam(gate.b, gb, mb, vb, step, 0);
            }
            fuseAll(gate, fused, alpha);
            double auc = validationAuc(fused);
            double loss = triples == 0 ? Double.NaN : lossSum / triples;
            history.add(new Epoch(epoch, loss, auc));
            LOG.info("{}: epoch {} loss {} validation AUC {}", GatedFusion.NAME, epoch, String.format("%.4f", loss),
                    String.format("%.4f", auc));
            progress.advance(1);
            if (auc > bestAuc) {
                bestAuc = auc;
                bestW = gate.w.clone();
                bestB = gate.b.clone();
                sinceBest = 0;
            } else if (++sinceBest >= config.patience()) {
                LOG.info("{}: early stop after epoch {} (best validation AUC {})", GatedFusion.NAME, epoch,
                        String.format("%.4f", bestAuc));
                break;
            }
        }
        progress.finish();
        gate.set(bestW, bestB);
        return history;
    }

    /**
     * Accumulates the BPR gradient of one user's triples (one per history item, leave-one-out profile, one sampled
     * negative) into {@code grad} (per item, w.r.t. its fused vector); returns the summed loss.
     */
    private double userGradient(int user, int[] h, float[] fused, float[] grad, boolean[] touched) {
        double[] sum = new double[outDim];
        for (int i : h) {
            for (int c = 0; c < outDim; c++) {
                sum[c] += fused[i * outDim + c];
            }
        }
        double inv = 1.0 / (h.length - 1);
        double[] total = new double[outDim];
        double[][] own = new double[h.length][outDim];
        double loss = 0;
        double[] p = new double[outDim];
        for (int a = 0; a < h.length; a++) {
            int i = h[a];
            int j = negative(allHistory[user]);
            double x = 0;
            for (int c = 0; c < outDim; c++) {
                p[c] = (sum[c] - fused[i * outDim + c]) * inv;
                x += p[c] * (fused[i * outDim + c] - fused[j * outDim + c]);
            }
            loss += x > 0 ? Math.log1p(Math.exp(-x)) : -x + Math.log1p(Math.exp(x));
            double g = -1.0 / (1.0 + Math.exp(x)); // dL/dx
            touch(i, grad, touched);
            touch(j, grad, touched);
            for (int c = 0; c < outDim; c++) {
                grad[i * outDim + c] += (float) (g * p[c]);
                grad[j * outDim + c] -= (float) (g * p[c]);
                double dp = g * (fused[i * outDim + c] - fused[j * outDim + c]);
                own[a][c] = dp;
                total[c] += dp;
            }
        }
        // every history item h is in the profile of every triple but its own: dL/df_h = (total - own_h) / (|H| - 1)
        for (int a = 0; a < h.length; a++) {
            int i = h[a];
            touch(i, grad, touched);
            for (int c = 0; c < outDim; c++) {
                grad[i * outDim + c] += (float) ((total[c] - own[a][c]) * inv);
            }
        }
        return loss;
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

    /** Fused vectors and gate weights of every catalog item under the current gate. */
    private void fuseAll(Gate gate, float[] fused, float[] alpha) {
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
    }

    /** AUC of held-out items against their sampled negatives, profiles from the fit part of each history. */
    private double validationAuc(float[] fused) {
        if (validation.isEmpty()) {
            return Double.NaN;
        }
        double total = 0;
        double[] p = new double[outDim];
        for (int[] row : validation) {
            int[] h = fitHistory[row[0]];
            Arrays.fill(p, 0);
            for (int i : h) {
                for (int c = 0; c < outDim; c++) {
                    p[c] += fused[i * outDim + c];
                }
            }
            double pos = dot(p, fused, row[1]);
            double wins = 0;
            for (int k = 2; k < row.length; k++) {
                double neg = dot(p, fused, row[k]);
                wins += pos > neg ? 1 : pos == neg ? 0.5 : 0;
            }
            total += wins / (row.length - 2);
        }
        return total / validation.size();
    }

    private double dot(double[] p, float[] fused, int item) {
        double s = 0;
        for (int c = 0; c < outDim; c++) {
            s += p[c] * fused[item * outDim + c];
        }
        return s;
    }

    /** A uniformly sampled item with a vector that is not in {@code history} (sorted). */
    private int negative(int[] history) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int j = usableItems[rnd.nextInt(usableItems.length)];
            if (Arrays.binarySearch(history, j) < 0) {
                return j;
            }
        }
        return usableItems[rnd.nextInt(usableItems.length)];
    }

    private void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
