package dev.braid.plugin.factorization.hybrid;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.braid.platform.training.TrainingLease;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * A non-linear map from content to collaborative factors, in the spirit of DropoutNet, Heater and ALDI: a
 * one-hidden-layer perceptron ({@code ReLU}) from the weighted, concatenated content blocks to the (centred) factors,
 * trained with DJL on the PyTorch engine (CPU) by Adam on the squared error. Whole modality blocks are dropped at
 * random during training (DropoutNet's input dropout), so an item lacking a modality, whose block is zeros, is a case
 * the network has seen. With a scorer it stops early on it and reports the best epoch; prediction runs in plain Java.
 * Training holds the JVM's {@link TrainingLease}: PyTorch trainings of every bundle take turns.
 */
final class MlpMap {
    static final String ENGINE = TrainingLease.ENGINE;

    /** Training settings. */
    record Settings(int hidden, int maxEpochs, int evalEvery, int patience, double learningRate, double weightDecay,
                    double blockDropout, int batchSize) {
    }

    /** The trained weights (row-major), the epoch count and the best score seen. */
    record Trained(float[] w1, float[] b1, float[] w2, float[] b2, int d, int h, int k, double[] mean, int epochs,
                   double score) {

        double[] predict(float[] x) {
            double[] y = mean.clone();
            double[] hid = new double[h];
            for (int j = 0; j < h; j++) {
                double s = b1[j];
                for (int a = 0; a < d; a++) {
                    float xa = x[a];
                    if (xa != 0) {
                        s += xa * w1[a * h + j];
                    }
                }
                hid[j] = Math.max(0, s);
            }
            for (int c = 0; c < k; c++) {
                double s = b2[c];
                for (int j = 0; j < h; j++) {
                    s += hid[j] * w2[j * k + c];
                }
                y[c] += s;
            }
            return y;
        }
    }

    private MlpMap() {
    }

    /** Per catalog row, the weighted blocks side by side; zeros for a modality the item lacks. */
    static float[][] inputs(List<ContentBlock> blocks, double[] weights, int n) {
        int d = blocks.stream().mapToInt(b -> b.dim).sum();
        float[][] x = new float[n][d];
        int off = 0;
        for (int b = 0; b < blocks.size(); b++) {
            ContentBlock block = blocks.get(b);
            for (int i = 0; i < n; i++) {
                double[] r = block.rows[i];
                if (r != null && weights[b] > 0) {
                    for (int j = 0; j < r.length; j++) {
                        x[i][off + j] = (float) (weights[b] * r[j]);
                    }
                }
            }
            off += block.dim;
        }
        return x;
    }

    /**
     * Trains on the items of {@code fit}.
     *
     * @param offsets the first column of each block in {@code x}, and the width as the last entry
     * @param scorer  scores the trained network (higher is better) every {@code evalEvery} epochs for early stopping,
     *                or null to train exactly {@code maxEpochs}
     */
    static Trained train(float[][] x, int[] offsets, double[][] targets, int[] fit, Settings s, long seed,
                         ToDoubleFunction<Trained> scorer) {
        try (TrainingLease lease = TrainingLease.acquire(HybridMapGenerator.NAME, 0)) {
            return trainLocked(lease.engine(), x, offsets, targets, fit, s, seed, scorer);
        }
    }

    private static Trained trainLocked(Engine engine, float[][] x, int[] offsets, double[][] targets, int[] fit,
                                       Settings s, long seed, ToDoubleFunction<Trained> scorer) {
        int d = x[0].length;
        int k = targets[0].length;
        int h = s.hidden();
        double[] mean = new double[k];
        for (int i : fit) {
            for (int c = 0; c < k; c++) {
                mean[c] += targets[i][c] / fit.length;
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        try (NDManager base = engine.newBaseManager(Device.cpu())) {
            NDArray w1 = param(base, xavier(d, h, random), d, h);
            NDArray b1 = param(base, new float[h], 1, h);
            NDArray w2 = param(base, xavier(h, k, random), h, k);
            NDArray b2 = param(base, new float[k], 1, k);
            NDArray[] params = {w1, b1, w2, b2};
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) s.learningRate()))
                    .optWeightDecays((float) s.weightDecay()).build();
            int[] order = fit.clone();
            Trained best = null;
            int stale = 0;
            int blocks = offsets.length - 1;
            for (int e = 1; e <= s.maxEpochs(); e++) {
                for (int j = order.length - 1; j > 0; j--) {
                    int r = random.nextInt(j + 1);
                    int t = order[j];
                    order[j] = order[r];
                    order[r] = t;
                }
                for (int from = 0; from < order.length; from += s.batchSize()) {
                    int b = Math.min(s.batchSize(), order.length - from);
                    float[] xb = new float[b * d];
                    float[] yb = new float[b * k];
                    for (int r = 0; r < b; r++) {
                        int i = order[from + r];
                        System.arraycopy(x[i], 0, xb, r * d, d);
                        if (blocks > 1) {
                            int keep = random.nextInt(blocks); // one block always stays
                            for (int blk = 0; blk < blocks; blk++) {
                                if (blk != keep && random.nextDouble() < s.blockDropout()) {
                                    java.util.Arrays.fill(xb, r * d + offsets[blk], r * d + offsets[blk + 1], 0f);
                                }
                            }
                        }
                        for (int c = 0; c < k; c++) {
                            yb[r * k + c] = (float) (targets[i][c] - mean[c]);
                        }
                    }
                    try (NDManager m = base.newSubManager()) {
                        try (GradientCollector gc = engine.newGradientCollector()) {
                            NDArray xs = m.create(xb, new Shape(b, d));
                            NDArray ys = m.create(yb, new Shape(b, k));
                            NDArray hid = xs.matMul(w1).add(b1).maximum(0f);
                            NDArray pred = hid.matMul(w2).add(b2);
                            NDArray loss = pred.sub(ys).square().sum(new int[] {1}).mean();
                            gc.backward(loss);
                        }
                        for (int p = 0; p < params.length; p++) {
                            NDArray g = params[p].getGradient();
                            g.attach(m);
                            adam.update("p" + p, params[p], g);
                            g.subi(g);
                        }
                    }
                }
                boolean last = e == s.maxEpochs();
                if (scorer == null ? !last : (e % s.evalEvery() != 0 && !last)) {
                    continue;
                }
                Trained now = new Trained(w1.toFloatArray(), b1.toFloatArray(), w2.toFloatArray(), b2.toFloatArray(),
                        d, h, k, mean, e, Double.NaN);
                if (scorer == null) {
                    return now;
                }
                double score = scorer.applyAsDouble(now);
                if (best == null || score > best.score()) {
                    best = new Trained(now.w1(), now.b1(), now.w2(), now.b2(), d, h, k, mean, e, score);
                    stale = 0;
                } else if (++stale >= s.patience()) {
                    break;
                }
            }
            return best;
        }
    }

    private static NDArray param(NDManager m, float[] values, int rows, int cols) {
        NDArray a = m.create(values, new Shape(rows, cols));
        a.setRequiresGradient(true);
        return a;
    }

    private static float[] xavier(int in, int out, SplittableRandom r) {
        float[] w = new float[in * out];
        double limit = Math.sqrt(6.0 / (in + out));
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((r.nextDouble() * 2 - 1) * limit);
        }
        return w;
    }
}
