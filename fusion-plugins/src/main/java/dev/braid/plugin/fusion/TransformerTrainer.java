package dev.braid.plugin.fusion;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.generator.EarlyStopping;
import dev.braid.platform.training.TrainingLease;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the transformer fusion with DJL on the PyTorch engine (CPU): BPR on the cosine scores of the content-profile
 * generator (as {@link GatedTrainer}: leave-one-out profiles of unit fused vectors, one sampled negative per history
 * item, {@code -log σ(scale · p · (f_i - f_j))}), autograd through the network, AdamW steps (in Java) on batches
 * of users, validation AUC on a seeded held-out share of each user's items before training and after every epoch, early
 * stopping that keeps the best parameters. Initial parameters and every sample come from the seed; the engine runs
 * the arithmetic (its CPU kernels are deterministic for a fixed thread count).
 */
final class TransformerTrainer {
    static final String ENGINE = TrainingLease.ENGINE;
    private static final Logger LOG = LoggerFactory.getLogger(TransformerTrainer.class);
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float ADAM_EPS = 1e-8f;
    private static final int FORWARD_CHUNK = 2048;

    /**
     * One epoch's figures.
     *
     * @param epoch         0 before training
     * @param trainLoss     mean BPR loss over the epoch's triples (NaN for epoch 0)
     * @param validationAuc AUC of held-out items against sampled negatives, cosine scoring
     */
    record Epoch(int epoch, double trainLoss, double validationAuc) {
    }

    /** The best parameters and every epoch's figures. */
    record Result(TransformerWeights weights, List<Epoch> history) {
    }

    private final TransformerConfig config;
    private final TransformerShape shape;
    private final TransformerNet net;
    private final float[][] units;
    private final boolean[][] present;
    private final int n;
    private final boolean[] usable;
    private final InteractionSplit split;

    TransformerTrainer(TransformerConfig config, TransformerShape shape, ProjectedModalities projected,
                       InteractionMatrix interactions, long seed) {
        this.config = config;
        this.shape = shape;
        this.net = new TransformerNet(shape);
        this.units = projected.units();
        this.present = projected.present();
        this.n = projected.items();
        this.usable = projected.usable();
        this.split = validationSplit(config, usable, interactions, seed);
    }

    /**
     * The split training uses for a seed: the same held-out items and negatives every time (also after loading).
     *
     * @param usable whether each item has at least one modality
     */
    static InteractionSplit validationSplit(TransformerConfig config, boolean[] usable, InteractionMatrix interactions,
                                            long seed) {
        return config.training().split(interactions, usable, seed ^ 0x7F4A7C15L);
    }

    /**
     * Trains under the JVM's training lease (DJL's PyTorch engine allows one gradient collector at a time: trainings
     * take turns) with {@code engineThreads} intra-op threads. The transformer's tensors are tiny (a few tokens of
     * width 32): OpenMP gains nothing on them, and on a busy machine its barriers cost a descheduled thread's time
     * slice per operation (measured on the demo under load: 112 s of training with 2 threads, 9 s with 1).
     */
    Result train(float[][] initial, ProgressListener progress) {
        try (TrainingLease lease = TrainingLease.acquire(TransformerFusion.NAME, config.engineThreads())) {
            return trainAlone(lease.engine(), initial, progress);
        }
    }

    private Result trainAlone(Engine engine, float[][] initial, ProgressListener progress) {
        List<Epoch> history = new ArrayList<>();
        try (NDManager base = NDManager.newBaseManager(Device.cpu(), ENGINE)) {
            List<TransformerShape.Param> layout = shape.params();
            // the Java arrays are the parameters; each step hands the engine fresh leaf tensors made from them, so
            // nothing is ever changed in place on the engine side (PyTorch's grad mode is per thread, and on by
            // default in threads other than the one that loaded the engine)
            float[][] values = copy(initial);
            float[][] m1 = new float[layout.size()][];
            float[][] m2 = new float[layout.size()][];
            boolean[] decay = new boolean[layout.size()];
            for (int k = 0; k < layout.size(); k++) {
                m1[k] = new float[values[k].length];
                m2[k] = new float[values[k].length];
                decay[k] = layout.get(k).shape().length >= 2;
            }
            double untrainedAuc = validationAuc(base, values);
            EarlyStopping stopping = new EarlyStopping(config.training().patience(), untrainedAuc);
            float[][] best = initial;
            history.add(new Epoch(0, Double.NaN, untrainedAuc));
            LOG.info("{}: {} validation pairs; before training validation AUC {}", TransformerFusion.NAME,
                    split.validation.size(), fmt(untrainedAuc));
            progress.start(TransformerFusion.NAME + ": training (BPR on cosine scores, " + ENGINE + ")",
                    config.epochs());
            int step = 0;
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                int[] order = split.shuffledUsers();
                double lossSum = 0;
                long triples = 0;
                for (int start = 0; start < order.length; start += config.training().batchUsers()) {
                    int[] users = Arrays.copyOfRange(order, start,
                            Math.min(order.length, start + config.training().batchUsers()));
                    try (NDManager scope = base.newSubManager()) {
                        Batch batch = batch(users);
                        if (batch.triples == 0) {
                            continue;
                        }
                        NDList params = tensors(scope, values, true);
                        float loss = step(engine, scope, params, batch);
                        step++;
                        adamW(params, values, m1, m2, decay, step);
                        lossSum += (double) loss * batch.triples;
                        triples += batch.triples;
                    }
                }
                double auc = validationAuc(base, values);
                double loss = triples == 0 ? Double.NaN : lossSum / triples;
                history.add(new Epoch(epoch, loss, auc));
                LOG.info("{}: epoch {} loss {} validation AUC {}", TransformerFusion.NAME, epoch, fmt(loss), fmt(auc));
                progress.advance(1);
                if (stopping.improves(epoch, auc)) {
                    best = copy(values);
                } else if (stopping.exhausted()) {
                    LOG.info("{}: early stop after epoch {} (best validation AUC {})", TransformerFusion.NAME,
                            epoch, fmt(stopping.best()));
                    break;
                }
            }
            progress.finish();
            return new Result(new TransformerWeights(shape, best), List.copyOf(history));
        }
    }

    /** The triples of a batch of users, over the batch's distinct items. */
    private record Batch(int[] items, float[] membership, int users, long[] tu, long[] ti, long[] tj, int triples) {
    }

    private Batch batch(int[] users) {
        Map<Integer, Integer> local = new HashMap<>();
        List<Integer> items = new ArrayList<>();
        List<long[]> t = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (int user : users) {
            int[] h = split.fitHistory[user];
            if (h.length < 2) {
                continue;
            }
            int u = kept.size();
            kept.add(user);
            for (int i : h) {
                int j = split.negative(user);
                t.add(new long[] {u, localIndex(local, items, i), localIndex(local, items, j)});
            }
        }
        float[] membership = new float[kept.size() * items.size()];
        for (int u = 0; u < kept.size(); u++) {
            for (int i : split.fitHistory[kept.get(u)]) {
                membership[u * items.size() + local.get(i)] = 1f;
            }
        }
        long[] tu = new long[t.size()];
        long[] ti = new long[t.size()];
        long[] tj = new long[t.size()];
        for (int k = 0; k < t.size(); k++) {
            tu[k] = t.get(k)[0];
            ti[k] = t.get(k)[1];
            tj[k] = t.get(k)[2];
        }
        return new Batch(items.stream().mapToInt(Integer::intValue).toArray(), membership, kept.size(), tu, ti, tj,
                t.size());
    }

    private static int localIndex(Map<Integer, Integer> local, List<Integer> items, int item) {
        return local.computeIfAbsent(item, k -> {
            items.add(k);
            return items.size() - 1;
        });
    }

    /** One forward and backward pass; returns the batch's mean loss (gradients left on the parameters). */
    private float step(Engine engine, NDManager scope, NDList params, Batch b) {
        NDList in = net.inputs(scope, units, present, b.items);
        NDArray membership = scope.create(b.membership, new Shape(b.users, b.items.length));
        NDArray tu = scope.create(b.tu);
        NDArray ti = scope.create(b.ti);
        NDArray tj = scope.create(b.tj);
        try (GradientCollector gc = engine.newGradientCollector()) {
            NDArray f = net.forward(params, in);
            NDArray fi = f.get(ti);
            // leave-one-out profile: the user's summed unit vectors minus the item's own, normalised
            NDArray q = membership.matMul(f).get(tu).sub(fi);
            NDArray p = q.div(q.square().sum(new int[] {1}, true).add(1e-12f).sqrt());
            NDArray x = p.mul(fi.sub(f.get(tj))).sum(new int[] {1}).mul((float) config.training().scoreScale());
            // -log σ(x) = log(1 + e^-x); |x| <= 2 scale keeps the exponent finite
            NDArray loss = x.neg().exp().add(1f).log().mean();
            gc.backward(loss);
            return loss.getFloat();
        }
    }

    /**
     * One AdamW step in Java on the parameters' float arrays from the step's gradients. A few dozen small tensors:
     * one copy each beats the ~17 engine calls per tensor an NDArray update costs.
     */
    private void adamW(NDList params, float[][] values, float[][] m1, float[][] m2, boolean[] decay, int t) {
        double lr = config.learningRate();
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        double shrink = 1 - lr * config.weightDecay();
        for (int k = 0; k < params.size(); k++) {
            float[] grad = params.get(k).getGradient().toFloatArray();
            float[] w = values[k];
            float[] a = m1[k];
            float[] b = m2[k];
            for (int i = 0; i < w.length; i++) {
                a[i] = (float) (BETA1 * a[i] + (1 - BETA1) * grad[i]);
                b[i] = (float) (BETA2 * b[i] + (1 - BETA2) * (double) grad[i] * grad[i]);
                double wi = decay[k] ? w[i] * shrink : w[i];
                w[i] = (float) (wi - lr * (a[i] / c1) / (Math.sqrt(b[i] / c2) + ADAM_EPS));
            }
        }
    }

    /** Validation AUC with the current parameters (forward in chunks, no gradients). */
    private double validationAuc(NDManager base, float[][] values) {
        return split.auc(fuseAll(base, values), shape.output());
    }

    /** The parameters as tensors of {@code manager}, leaves that collect gradients when {@code train}. */
    private NDList tensors(NDManager manager, float[][] values, boolean train) {
        List<TransformerShape.Param> layout = shape.params();
        NDList p = new NDList();
        for (int k = 0; k < values.length; k++) {
            NDArray a = manager.create(values[k], new Shape(Arrays.stream(layout.get(k).shape()).asLongStream()
                    .toArray()));
            if (train) {
                a.setRequiresGradient(true);
            }
            p.add(a);
        }
        return p;
    }

    /** Unit fused vectors of every catalog item ({@code n x output}, zero rows for items without modalities). */
    float[] fuseAll(NDManager base, float[][] values) {
        int out = shape.output();
        float[] fused = new float[n * out];
        int[] all = java.util.stream.IntStream.range(0, n).filter(i -> usable[i]).toArray();
        for (int s = 0; s < all.length; s += FORWARD_CHUNK) {
            int[] chunk = Arrays.copyOfRange(all, s, Math.min(all.length, s + FORWARD_CHUNK));
            try (NDManager scope = base.newSubManager()) {
                // no tensor requires a gradient here, so no graph is recorded
                float[] f = net.forward(tensors(scope, values, false), net.inputs(scope, units, present, chunk))
                        .toFloatArray();
                for (int r = 0; r < chunk.length; r++) {
                    System.arraycopy(f, r * out, fused, chunk[r] * out, out);
                }
            }
        }
        return fused;
    }

    private static float[][] copy(float[][] values) {
        float[][] v = new float[values.length][];
        for (int k = 0; k < values.length; k++) {
            v[k] = values[k].clone();
        }
        return v;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
