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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the transformer fusion with DJL on the PyTorch engine (CPU): BPR on the cosine scores of the content-profile
 * generator (as {@link GatedTrainer}: leave-one-out profiles of unit fused vectors, one sampled negative per history
 * item, {@code -log σ(scale · p · (f_i - f_j))}), autograd through the network, AdamW steps on batches of users,
 * validation AUC on a seeded held-out share of each user's items before training and after every epoch, early
 * stopping that keeps the best parameters. Initial parameters and every sample come from the seed; the engine runs
 * the arithmetic (its CPU kernels are deterministic for a fixed thread count).
 */
final class TransformerTrainer {
    static final String ENGINE = "PyTorch";
    private static final Logger LOG = LoggerFactory.getLogger(TransformerTrainer.class);
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float ADAM_EPS = 1e-8f;
    private static final int FORWARD_CHUNK = 2048;
    private static final Object TRAINING = new Object();

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

    TransformerTrainer(TransformerConfig config, TransformerShape shape, float[][] units, boolean[][] present, int n,
                       InteractionMatrix interactions, long seed) {
        this.config = config;
        this.shape = shape;
        this.net = new TransformerNet(shape);
        this.units = units;
        this.present = present;
        this.n = n;
        this.usable = usable(present, n);
        this.split = new InteractionSplit(interactions, usable, config.validationFraction(),
                config.validationNegatives(), new SplittableRandom(seed ^ 0x7F4A7C15L));
    }

    static boolean[] usable(boolean[][] present, int n) {
        boolean[] u = new boolean[n];
        for (boolean[] p : present) {
            for (int i = 0; i < n; i++) {
                u[i] |= p[i];
            }
        }
        return u;
    }

    Result train(float[][] initial, ProgressListener progress) {
        // DJL's PyTorch engine allows one gradient collector at a time in the JVM: trainings take turns
        synchronized (TRAINING) {
            return trainAlone(initial, progress);
        }
    }

    private Result trainAlone(float[][] initial, ProgressListener progress) {
        Engine engine = Engine.getEngine(ENGINE);
        List<Epoch> history = new ArrayList<>();
        try (NDManager base = NDManager.newBaseManager(Device.cpu(), ENGINE)) {
            List<TransformerShape.Param> layout = shape.params();
            NDList params = new NDList();
            NDList m1 = new NDList();
            NDList m2 = new NDList();
            boolean[] decay = new boolean[layout.size()];
            for (int k = 0; k < layout.size(); k++) {
                Shape s = new Shape(Arrays.stream(layout.get(k).shape()).asLongStream().toArray());
                NDArray a = base.create(initial[k], s);
                a.setRequiresGradient(true);
                params.add(a);
                m1.add(base.zeros(s));
                m2.add(base.zeros(s));
                decay[k] = layout.get(k).shape().length >= 2;
            }
            double bestAuc = validationAuc(base, params);
            float[][] best = initial;
            history.add(new Epoch(0, Double.NaN, bestAuc));
            LOG.info("{}: {} validation pairs; before training validation AUC {}", TransformerFusion.NAME,
                    split.validation.size(), fmt(bestAuc));
            progress.start(TransformerFusion.NAME + ": training (BPR on cosine scores, " + ENGINE + ")",
                    config.epochs());
            int step = 0;
            int sinceBest = 0;
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                int[] order = split.shuffledUsers();
                double lossSum = 0;
                long triples = 0;
                for (int start = 0; start < order.length; start += config.batchUsers()) {
                    int[] users = Arrays.copyOfRange(order, start, Math.min(order.length, start + config.batchUsers()));
                    try (NDManager scope = base.newSubManager()) {
                        for (int k = 0; k < params.size(); k++) {
                            params.get(k).tempAttach(scope);
                            m1.get(k).tempAttach(scope);
                            m2.get(k).tempAttach(scope);
                        }
                        Batch batch = batch(users);
                        if (batch.triples == 0) {
                            continue;
                        }
                        float loss = step(engine, scope, params, batch);
                        step++;
                        adamW(params, m1, m2, decay, step);
                        lossSum += (double) loss * batch.triples;
                        triples += batch.triples;
                    }
                }
                double auc = validationAuc(base, params);
                double loss = triples == 0 ? Double.NaN : lossSum / triples;
                history.add(new Epoch(epoch, loss, auc));
                LOG.info("{}: epoch {} loss {} validation AUC {}", TransformerFusion.NAME, epoch, fmt(loss), fmt(auc));
                progress.advance(1);
                if (auc > bestAuc) {
                    bestAuc = auc;
                    best = snapshot(params);
                    sinceBest = 0;
                } else if (++sinceBest >= config.patience()) {
                    LOG.info("{}: early stop after epoch {} (best validation AUC {})", TransformerFusion.NAME,
                            epoch, fmt(bestAuc));
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
            NDArray x = p.mul(fi.sub(f.get(tj))).sum(new int[] {1}).mul((float) config.scoreScale());
            // -log σ(x) = log(1 + e^-x); |x| <= 2 scale keeps the exponent finite
            NDArray loss = x.neg().exp().add(1f).log().mean();
            gc.backward(loss);
            return loss.getFloat();
        }
    }

    private void adamW(NDList params, NDList m1, NDList m2, boolean[] decay, int t) {
        float lr = (float) config.learningRate();
        float c1 = (float) (1 - Math.pow(BETA1, t));
        float c2 = (float) (1 - Math.pow(BETA2, t));
        for (int k = 0; k < params.size(); k++) {
            // PyTorch's grad mode is per thread and on by default outside the engine's own thread: update a
            // detached view (same storage), which is never recorded and may be changed in place
            NDArray w = params.get(k).stopGradient();
            NDArray g = params.get(k).getGradient();
            m1.get(k).muli(BETA1).addi(g.mul(1 - BETA1));
            m2.get(k).muli(BETA2).addi(g.square().mul(1 - BETA2));
            if (decay[k] && config.weightDecay() > 0) {
                w.subi(w.mul((float) (lr * config.weightDecay())));
            }
            w.subi(m1.get(k).div(c1).div(m2.get(k).div(c2).sqrt().add(ADAM_EPS)).mul(lr));
            g.subi(g); // the engine accumulates gradients: clear them for the next step
        }
    }

    /** Validation AUC with the current parameters (forward in chunks, no gradients). */
    private double validationAuc(NDManager base, NDList params) {
        return split.auc(fuseAll(base, params), shape.output());
    }

    /** Unit fused vectors of every catalog item ({@code n x output}, zero rows for items without modalities). */
    float[] fuseAll(NDManager base, NDList params) {
        int out = shape.output();
        float[] fused = new float[n * out];
        int[] all = java.util.stream.IntStream.range(0, n).filter(i -> usable[i]).toArray();
        for (int s = 0; s < all.length; s += FORWARD_CHUNK) {
            int[] chunk = Arrays.copyOfRange(all, s, Math.min(all.length, s + FORWARD_CHUNK));
            try (NDManager scope = base.newSubManager()) {
                NDList detached = new NDList();
                for (NDArray p : params) {
                    p.tempAttach(scope);
                    detached.add(p.stopGradient()); // no graph is recorded for a detached view
                }
                float[] f = net.forward(detached, net.inputs(scope, units, present, chunk)).toFloatArray();
                for (int r = 0; r < chunk.length; r++) {
                    System.arraycopy(f, r * out, fused, chunk[r] * out, out);
                }
            }
        }
        return fused;
    }

    private static float[][] snapshot(NDList params) {
        float[][] v = new float[params.size()][];
        for (int k = 0; k < params.size(); k++) {
            try (NDArray d = params.get(k).stopGradient()) {
                v[k] = d.toFloatArray();
            }
        }
        return v;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
