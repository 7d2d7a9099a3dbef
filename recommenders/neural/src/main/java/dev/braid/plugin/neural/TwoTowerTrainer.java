package dev.braid.plugin.neural;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.compute.ComputeBackend;
import dev.braid.api.generator.EarlyStopping;
import dev.braid.api.generator.Validation;
import dev.braid.platform.training.TrainingLease;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the two-tower model with DJL's PyTorch engine on the CPU. Each step takes a batch of positive (user, item)
 * pairs; a user's vector is the normalised mean of the item-tower outputs of (at most {@code historyLength} of)
 * their other training items; the loss is a sampled softmax of the positive against the batch's other positives
 * and uniformly drawn items, on cosine similarities over a temperature, with each candidate's logit corrected by
 * the log of its sampling probability (logQ) and the user's other positives masked out.
 *
 * <p>Reproducible: parameters are initialised, batches shuffled, negatives and dropout masks drawn in Java from the
 * seed; the engine only does the arithmetic. Early stopping ranks held-out positives (NDCG@10) with the plain-Java
 * scorer after each {@code evalEvery} epochs and keeps the best weights.
 */
final class TwoTowerTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(TwoTowerTrainer.class);
    static final String ENGINE = TrainingLease.ENGINE;
    static final int VALIDATION_K = 10;

    /** What training produced and how. */
    record Outcome(TowerWeights weights, int epochs, int bestEpoch, double bestValidationNdcg,
                   double secondsPerEpoch) {
    }

    private final TwoTowerConfig config;
    private final ContentInput content;
    private final ComputeBackend backend;
    private final String who;

    TwoTowerTrainer(String who, TwoTowerConfig config, ContentInput content, ComputeBackend backend) {
        this.who = who;
        this.config = config;
        this.content = content;
        this.backend = backend;
    }

    Outcome train(UserRows all, long seed, ProgressListener progress) {
        // A PyTorch gradient collector is process-wide: trainings take turns, under the JVM's training lease.
        try (TrainingLease lease = TrainingLease.acquire(who, config.threads())) {
            return trainLocked(lease.engine(), all, seed, progress);
        }
    }

    private Outcome trainLocked(Engine engine, UserRows all, long seed, ProgressListener progress) {
        UserRows train = all;
        UserRows validation = null;
        int[] valUsers = new int[0];
        if (config.validationShare() > 0) {
            UserRows[] parts = all.holdOut(config.validationShare(), seed ^ 0x5DEECE66DL);
            train = parts[0];
            validation = parts[1];
            valUsers = validationUsers(validation, train, config.maxValidationUsers(), seed);
        }
        int n = all.numItems;
        int d = config.dimension();
        int h = config.hidden();
        int p = content.width();
        int[] pairUser = new int[train.size()];
        int[] pairItem = new int[train.size()];
        for (int u = 0, k = 0; u < train.numUsers(); u++) {
            for (int i : train.rows[u]) {
                pairUser[k] = u;
                pairItem[k++] = i;
            }
        }
        if (pairUser.length == 0) {
            throw new IllegalArgumentException(who + ": no training positives left after the validation hold-out");
        }
        int[] degree = train.itemDegrees();
        int[] known = java.util.stream.IntStream.range(0, n).filter(i -> degree[i] > 0).toArray();
        double[] logQ = logQ(degree, known.length, pairUser.length);

        SplittableRandom random = new SplittableRandom(seed);
        try (NDManager base = engine.newBaseManager(Device.cpu())) {
            Params params = Params.init(base, p, h, d, degree, all.numUsers(), config, random.split());
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) config.learningRate()))
                    .optWeightDecays((float) config.weightDecay()).build();
            EarlyStopping stopping = new EarlyStopping(config.patience());
            TowerWeights bestWeights = null;
            int done = 0;
            long t0 = System.nanoTime();
            int steps = (pairUser.length + config.batchSize() - 1) / config.batchSize();
            progress.start(who + ": epochs" + (validation != null ? " (early stopping)" : ""),
                    (long) config.epochs() * steps);
            try {
                int[] order = java.util.stream.IntStream.range(0, pairUser.length).toArray();
                Step step = new Step(n);
                for (int e = 1; e <= config.epochs(); e++) {
                    shuffle(order, random);
                    double lossSum = 0;
                    for (int s = 0; s < steps; s++) {
                        int from = s * config.batchSize();
                        int to = Math.min(order.length, from + config.batchSize());
                        lossSum += step.run(base, params, adam, train, order, from, to, pairUser, pairItem, known,
                                logQ, random);
                        progress.advance(1);
                    }
                    done = e;
                    LOG.debug("{}: epoch {} mean loss {}", who, e, lossSum / steps);
                    if (validation == null || (e % config.evalEvery() != 0 && e != config.epochs())) {
                        continue;
                    }
                    TowerWeights w = params.toWeights();
                    double ndcg = validationNdcg(w, train, validation, valUsers);
                    LOG.info("{}: epoch {} loss {} validation NDCG@{} {}", who, e,
                            String.format(Locale.ROOT, "%.4f", lossSum / steps), VALIDATION_K,
                            String.format(Locale.ROOT, "%.4f", ndcg));
                    if (stopping.improves(e, ndcg)) {
                        bestWeights = w;
                    } else if (stopping.exhausted()) {
                        LOG.info("{}: early stop after epoch {} (best validation NDCG@{} {} at epoch {})", who, e,
                                VALIDATION_K, String.format(Locale.ROOT, "%.4f", stopping.best()),
                                stopping.bestEpoch());
                        break;
                    }
                }
            } finally {
                progress.finish();
            }
            double spe = (System.nanoTime() - t0) / 1e9 / Math.max(1, done);
            if (bestWeights == null) {
                return new Outcome(params.toWeights(), done, done, Double.NaN, spe);
            }
            return new Outcome(bestWeights, done, stopping.bestEpoch(), stopping.best(), spe);
        }
    }

    /** Log of each item's probability of being a candidate: a mix of in-batch (by degree) and uniform draws. */
    private double[] logQ(int[] degree, int known, int positives) {
        double b = config.inBatchNegatives() ? config.batchSize() : 0;
        double u = config.negatives();
        double[] q = new double[degree.length];
        for (int i = 0; i < q.length; i++) {
            double mix = (b * degree[i] / positives + (degree[i] > 0 ? u / known : 0)) / (b + u);
            q[i] = config.logQCorrection() && mix > 0 ? Math.log(mix) : 0;
        }
        return q;
    }

    /** The trainable tensors and their conversion to plain arrays. */
    private record Params(NDArray w1, NDArray b1, NDArray w2, NDArray b2, NDArray ids, NDArray bias, NDArray users,
                          int input,
                          int hidden, int dim) {

        static Params init(NDManager m, int p, int h, int d, int[] degree, int numUsers, TwoTowerConfig c,
                           SplittableRandom r) {
            int n = degree.length;
            NDArray w1 = p > 0 ? param(m, xavier(p, h, r), new Shape(p, h)) : null;
            NDArray b1 = p > 0 ? param(m, new float[h], new Shape(h)) : null;
            NDArray w2 = p > 0 ? param(m, xavier(h, d, r), new Shape(h, d)) : null;
            NDArray b2a = param(m, new float[d], new Shape(d));
            NDArray ids = null;
            if (c.idEmbedding()) {
                // Zero with content (items without interactions keep a zero id part); without content, small
                // random vectors so that items start in distinct directions.
                float[] e = new float[n * d];
                if (p == 0) {
                    for (int i = 0; i < e.length; i++) {
                        float v = (float) (r.nextGaussian() * 0.1);
                        e[i] = degree[i / d] > 0 ? v : 0f;
                    }
                }
                ids = param(m, e, new Shape(n, d));
            }
            NDArray bias = c.itemBias() ? param(m, new float[n], new Shape(n)) : null;
            if (p == 0 && ids == null) {
                throw new IllegalArgumentException("two-tower: no content vectors and idEmbedding false: the item "
                        + "tower would have nothing to learn from");
            }
            // Zero-initialised: a user starts as the mean of their history and drifts only as far as it helps.
            NDArray users = c.userEmbedding() ? param(m, new float[numUsers * d], new Shape(numUsers, d)) : null;
            return new Params(w1, b1, w2, b2a, ids, bias, users, p, h, d);
        }

        private static NDArray param(NDManager m, float[] v, Shape s) {
            NDArray a = m.create(v, s);
            a.setRequiresGradient(true);
            return a;
        }

        private static float[] xavier(int in, int out, SplittableRandom r) {
            float[] w = new float[in * out];
            double a = Math.sqrt(6.0 / (in + out));
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) ((r.nextDouble() * 2 - 1) * a);
            }
            return w;
        }

        NDArray[] all() {
            return java.util.stream.Stream.of(w1, b1, w2, b2, ids, bias, users).filter(java.util.Objects::nonNull)
                    .toArray(NDArray[]::new);
        }

        TowerWeights toWeights() {
            return new TowerWeights(input, hidden, dim, input > 0 ? w1.toFloatArray() : new float[0],
                    input > 0 ? b1.toFloatArray() : new float[hidden], input > 0 ? w2.toFloatArray() : new float[0],
                    b2.toFloatArray(), ids == null ? null : ids.toFloatArray(),
                    bias == null ? null : bias.toFloatArray(), users == null ? null : users.toFloatArray());
        }
    }

    /** One optimisation step; reuses its index buffers. */
    private final class Step {
        private final int[] slot;
        private int stamp;
        private final int[] stampOf;

        Step(int items) {
            slot = new int[items];
            stampOf = new int[items];
        }

        double run(NDManager base, Params params, Optimizer adam, UserRows train, int[] order, int from, int to,
                   int[] pairUser, int[] pairItem, int[] known, double[] logQ, SplittableRandom random) {
            int b = to - from;
            int l = config.historyLength();
            int nNeg = config.negatives();
            stamp++;
            int[] uniq = new int[Math.min(slot.length, b * (l + 2) + nNeg)];
            int[] count = {0};
            java.util.function.IntUnaryOperator slotOf = item -> {
                if (stampOf[item] != stamp) {
                    stampOf[item] = stamp;
                    slot[item] = count[0];
                    uniq[count[0]++] = item;
                }
                return slot[item];
            };
            int[] users = new int[b];
            int[] targets = new int[b];
            long[] targetSlot = new long[b];
            long[] histSlot = new long[b * l];
            float[] histWeight = new float[b * l];
            for (int r = 0; r < b; r++) {
                int k = order[from + r];
                users[r] = pairUser[k];
                targets[r] = pairItem[k];
                targetSlot[r] = slotOf.applyAsInt(targets[r]);
                int[] row = train.rows[users[r]];
                int[] hist = sampleHistory(row, targets[r], l, random);
                for (int j = 0; j < hist.length; j++) {
                    histSlot[r * l + j] = slotOf.applyAsInt(hist[j]);
                    histWeight[r * l + j] = 1f / hist.length;
                }
            }
            int c = (config.inBatchNegatives() ? b : 0) + nNeg;
            int[] candItems = new int[c];
            long[] candSlot = new long[c];
            int ci = 0;
            if (config.inBatchNegatives()) {
                for (int r = 0; r < b; r++) {
                    candItems[ci] = targets[r];
                    candSlot[ci++] = targetSlot[r];
                }
            }
            for (int j = 0; j < nNeg; j++) {
                candItems[ci] = known[random.nextInt(known.length)];
                candSlot[ci] = slotOf.applyAsInt(candItems[ci]);
                ci++;
            }
            int u = count[0];
            float invT = (float) (1 / config.temperature());
            float[] mask = new float[b * c];
            float[] posCorr = new float[b];
            float[] negCorr = new float[c];
            for (int j = 0; j < c; j++) {
                negCorr[j] = (float) -logQ[candItems[j]];
            }
            for (int r = 0; r < b; r++) {
                posCorr[r] = (float) -logQ[targets[r]];
                for (int j = 0; j < c; j++) {
                    if (train.contains(users[r], candItems[j])) {
                        mask[r * c + j] = -1e9f;
                    }
                }
            }
            float[] keep = new float[u];
            long[] uniqIds = new long[u];
            for (int s = 0; s < u; s++) {
                uniqIds[s] = uniq[s];
                keep[s] = random.nextDouble() < config.idDropout() ? 0f : 1f;
            }
            int p = content.width();
            try (NDManager m = base.newSubManager()) {
                NDArray loss;
                try (GradientCollector gc = Engine.getEngine(ENGINE).newGradientCollector()) {
                    NDArray t;
                    NDArray idx = m.create(uniqIds);
                    if (p > 0) {
                        float[] x = new float[u * p];
                        for (int s = 0; s < u; s++) {
                            System.arraycopy(content.rows(), uniq[s] * p, x, s * p, p);
                        }
                        NDArray xs = m.create(x, new Shape(u, p));
                        NDArray hid = local(m, xs.matMul(params.w1).add(params.b1)).maximum(0f);
                        t = hid.matMul(params.w2).add(params.b2);
                    } else {
                        t = local(m, params.b2.reshape(1, params.dim).repeat(0, u));
                    }
                    if (params.ids != null) {
                        NDArray e = local(m, params.ids.get(idx));
                        t = t.add(e.mul(m.create(keep, new Shape(u, 1))));
                    }
                    NDArray tn = unit(t);
                    NDArray hist = local(m, tn.get(m.create(histSlot))).reshape(b, l, params.dim)
                            .mul(m.create(histWeight, new Shape(b, l, 1))).sum(new int[] {1});
                    if (params.users != null) {
                        long[] uIds = Arrays.stream(users).asLongStream().toArray();
                        hist = hist.add(local(m, params.users.get(m.create(uIds))));
                    }
                    NDArray un = unit(hist);
                    NDArray pos = local(m, tn.get(m.create(targetSlot)));
                    NDArray posLogit = un.mul(pos).sum(new int[] {1}, true).mul(invT)
                            .add(m.create(posCorr, new Shape(b, 1)));
                    NDArray cand = local(m, tn.get(m.create(candSlot)));
                    NDArray negLogit = un.matMul(cand.transpose()).mul(invT).add(m.create(negCorr, new Shape(1, c)))
                            .add(m.create(mask, new Shape(b, c)));
                    if (params.bias != null) {
                        long[] tIds = Arrays.stream(targets).asLongStream().toArray();
                        long[] cIds = Arrays.stream(candItems).asLongStream().toArray();
                        posLogit = posLogit.add(local(m, params.bias.get(m.create(tIds))).reshape(b, 1));
                        negLogit = negLogit.add(local(m, params.bias.get(m.create(cIds))).reshape(1, c));
                    }
                    NDArray logits = posLogit.concat(negLogit, 1);
                    loss = logits.logSoftmax(1).get(":, 0").neg().mean();
                    gc.backward(loss);
                }
                for (int k = 0; k < params.all().length; k++) {
                    NDArray w = params.all()[k];
                    NDArray g = local(m, w.getGradient());
                    adam.update("p" + k, w, g);
                    g.subi(g);
                }
                return loss.getFloat();
            }
        }

        private NDArray unit(NDArray a) {
            return a.div(a.norm(new int[] {1}, true).add(1e-6f));
        }

        private NDArray local(NDManager m, NDArray a) {
            a.attach(m);
            return a;
        }
    }

    /** Up to {@code l} of the user's items other than the target, drawn without replacement. */
    private static int[] sampleHistory(int[] row, int target, int l, SplittableRandom random) {
        int n = row.length - 1;
        if (n <= 0) {
            return new int[0];
        }
        int[] others = new int[n];
        for (int i = 0, k = 0; i < row.length; i++) {
            if (row[i] != target) {
                others[k++] = row[i];
            }
        }
        if (n <= l) {
            return others;
        }
        for (int a = 0; a < l; a++) {
            int b = a + random.nextInt(n - a);
            int x = others[a];
            others[a] = others[b];
            others[b] = x;
        }
        return Arrays.copyOf(others, l);
    }

    private static void shuffle(int[] a, SplittableRandom r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int x = a[i];
            a[i] = a[j];
            a[j] = x;
        }
    }

    private static int[] validationUsers(UserRows validation, UserRows train, int max, long seed) {
        int[] users = java.util.stream.IntStream.range(0, validation.numUsers())
                .filter(u -> validation.rows[u].length > 0 && train.rows[u].length > 0).toArray();
        return Validation.sample(users, max, new SplittableRandom(seed ^ 0xA5A5A5A5L));
    }

    /** Mean NDCG@10 (binary relevance) of the validation positives, training positives excluded. */
    private double validationNdcg(TowerWeights w, UserRows train, UserRows validation, int[] users) {
        TwoTowerScorer scorer = new TwoTowerScorer(w, content, (float) config.temperature(), train.numItems,
                backend);
        float[] scores = new float[train.numItems];
        double sum = 0;
        for (int u : users) {
            scorer.score(scorer.userVector(u, train.rows[u]), scores);
            for (int i : train.rows[u]) {
                scores[i] = Float.NEGATIVE_INFINITY;
            }
            int[] top = backend.topK(scores, VALIDATION_K);
            sum += Validation.ndcg(top, top.length, i -> validation.contains(u, i), validation.rows[u].length,
                    VALIDATION_K);
        }
        return users.length == 0 ? Double.NaN : sum / users.length;
    }
}
