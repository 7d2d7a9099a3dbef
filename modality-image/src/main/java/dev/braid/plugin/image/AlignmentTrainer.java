package dev.braid.plugin.image;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.braid.api.component.ProgressListener;
import dev.braid.platform.training.TrainingLease;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains an {@link AlignedNetwork} to predict unit target vectors with a cosine loss ({@code 1 - cos}), with Adam on
 * DJL's PyTorch engine (CPU). Seeded: the engine's generator (initial weights, dropout), the train/validation
 * split, the shuffling and the flips all derive from one seed. The validation cosine is measured before training
 * (epoch 0) and after every epoch; the best epoch's parameters are kept, and training stops after
 * {@code patience} epochs without a better one.
 */
final class AlignmentTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(AlignmentTrainer.class);
    static final String ENGINE = TrainingLease.ENGINE;

    /** What training produced: the best parameters and the figures. */
    record Result(byte[] parameters, int trainItems, int validationItems, int epochs, int bestEpoch,
                  double validationCosine, double baselineCosine, List<double[]> history) {
    }

    private final AlignedNetwork network;
    private final ImageAlignedConfig config;

    AlignmentTrainer(AlignedNetwork network, ImageAlignedConfig config) {
        this.network = network;
        this.config = config;
    }

    Result train(List<AlignedInput> inputs, List<float[]> targets, ProgressListener progress) {
        // A PyTorch gradient collector is process-wide: trainings take turns, under the JVM's training lease. One
        // intra-op thread while training: PyTorch's multi-threaded CPU kernels sum in a varying order, and the epoch
        // kept by early stopping then changes from run to run. One thread makes a seed reproduce the model exactly.
        try (TrainingLease lease = TrainingLease.acquire("image-aligned", 1)) {
            return trainAlone(inputs, targets, progress);
        }
    }

    private Result trainAlone(List<AlignedInput> inputs, List<float[]> targets, ProgressListener progress) {
        int n = inputs.size();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Random random = new Random(config.seed());
        Collections.shuffle(order, random);
        int validation = Math.max(1, (int) Math.round(n * config.validationFraction()));
        if (n - validation < 2) {
            throw new IllegalArgumentException("only " + n + " items have both an image and a target; need at least "
                    + (validation + 2));
        }
        List<Integer> val = List.copyOf(order.subList(0, validation));
        List<Integer> train = new ArrayList<>(order.subList(validation, n));
        float[] mean = meanDirection(train, targets);
        double baseline = 0;
        for (int i : val) {
            baseline += dot(mean, targets.get(i));
        }
        baseline /= val.size();

        Engine.getEngine(ENGINE).setRandomSeed((int) config.seed());
        Block block = network.build();
        try (Model model = Model.newInstance("image-aligned", Device.cpu(), ENGINE)) {
            model.setBlock(block);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) config.learningRate()))
                    .optWeightDecays((float) config.weightDecay()).build();
            DefaultTrainingConfig tc = new DefaultTrainingConfig(new CosineLoss()).optOptimizer(adam)
                    .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(tc)) {
                trainer.initialize(network.inputShapes(1));
                startAtTheMean(block, meanTarget(train, targets));
                double best = evaluate(trainer, inputs, targets, val);
                byte[] bestParams = snapshot(block);
                int bestEpoch = 0;
                LOG.info("image-aligned: {} training, {} validation items; epoch 0 (untrained): val cos {}; "
                        + "baseline (mean training target) {}", train.size(), val.size(), f(best), f(baseline));
                List<double[]> history = new ArrayList<>();
                int epoch = 0;
                int since = 0;
                int batch = config.trainBatchSize();
                int steps = (train.size() + batch - 1) / batch;
                while (epoch < config.epochs() && since < config.patience()) {
                    epoch++;
                    long t0 = System.nanoTime();
                    Collections.shuffle(train, random);
                    progress.start("train image-aligned, epoch " + epoch + "/" + config.epochs(), steps);
                    double sum = 0;
                    int seen = 0;
                    try {
                        for (int s = 0; s < train.size(); s += batch) {
                            List<Integer> idx = train.subList(s, Math.min(train.size(), s + batch));
                            if (idx.size() < 2) {
                                progress.advance(1); // batch norm needs two samples; the remainder is skipped
                                continue;
                            }
                            boolean[] flip = new boolean[idx.size()];
                            for (int j = 0; j < flip.length; j++) {
                                flip[j] = config.augment() && random.nextBoolean();
                            }
                            sum += step(trainer, inputs, targets, idx, flip) * idx.size();
                            seen += idx.size();
                            progress.advance(1);
                        }
                    } finally {
                        progress.finish();
                    }
                    double trainCos = sum / Math.max(1, seen);
                    double valCos = evaluate(trainer, inputs, targets, val);
                    history.add(new double[] {epoch, trainCos, valCos});
                    boolean better = valCos > best;
                    LOG.info("image-aligned epoch {}: train cos {}, val cos {}{} ({} s)", epoch, f(trainCos),
                            f(valCos), better ? " *" : "", String.format("%.1f", (System.nanoTime() - t0) / 1e9));
                    if (better) {
                        best = valCos;
                        bestEpoch = epoch;
                        bestParams = snapshot(block);
                        since = 0;
                    } else {
                        since++;
                    }
                }
                return new Result(bestParams, train.size(), val.size(), epoch, bestEpoch, best, baseline, history);
            }
        }
    }

    /** One optimisation step; returns the batch's mean training cosine. */
    private double step(Trainer trainer, List<AlignedInput> inputs, List<float[]> targets, List<Integer> idx,
                        boolean[] flip) {
        try (NDManager sub = trainer.getManager().newSubManager()) {
            NDList x = network.inputs(sub, idx.stream().map(inputs::get).toList(), flip);
            NDArray y = targetArray(sub, targets, idx);
            double cos;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray pred = trainer.forward(x).singletonOrThrow();
                NDArray loss = trainer.getLoss().evaluate(new NDList(y), new NDList(pred));
                cos = 1 - loss.getFloat();
                gc.backward(loss);
            }
            trainer.step();
            return cos;
        }
    }

    /** Mean cosine of the predictions on {@code idx} (inference mode). */
    private double evaluate(Trainer trainer, List<AlignedInput> inputs, List<float[]> targets, List<Integer> idx) {
        double sum = 0;
        int batch = Math.max(config.trainBatchSize(), 64);
        for (int s = 0; s < idx.size(); s += batch) {
            List<Integer> part = idx.subList(s, Math.min(idx.size(), s + batch));
            try (NDManager sub = trainer.getManager().newSubManager()) {
                NDList x = network.inputs(sub, part.stream().map(inputs::get).toList(), null);
                NDArray pred = trainer.evaluate(x).singletonOrThrow();
                float[] cos = CosineLoss.cosines(targetArray(sub, targets, part), pred).toFloatArray();
                for (float c : cos) {
                    sum += c;
                }
            }
        }
        return sum / idx.size();
    }

    private NDArray targetArray(NDManager m, List<float[]> targets, List<Integer> idx) {
        int d = network.dimension();
        float[] y = new float[idx.size() * d];
        for (int j = 0; j < idx.size(); j++) {
            System.arraycopy(targets.get(idx.get(j)), 0, y, j * d, d);
        }
        return m.create(y, new Shape(idx.size(), d));
    }

    static byte[] snapshot(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Zero weights and the mean training target as bias in the output layer: the untrained network predicts the
     * mean (the baseline, so keeping the best epoch never ends below it) and training only has to learn each
     * image's departure from it. Text embeddings share a
     * large common direction, so a network that had to find it first spends its few examples on it.
     */
    static void startAtTheMean(Block block, float[] mean) {
        List<Block> children = block.getChildren().values();
        Block head = children.get(children.size() - 1);
        NDArray w = head.getParameters().get("weight").getArray();
        w.set(new float[Math.toIntExact(w.size())]);
        head.getParameters().get("bias").getArray().set(mean);
    }

    private static float[] meanTarget(List<Integer> idx, List<float[]> targets) {
        float[] mean = new float[targets.get(idx.get(0)).length];
        for (int i : idx) {
            float[] t = targets.get(i);
            for (int k = 0; k < mean.length; k++) {
                mean[k] += t[k] / idx.size();
            }
        }
        return mean;
    }

    private static float[] meanDirection(List<Integer> idx, List<float[]> targets) {
        float[] mean = meanTarget(idx, targets);
        Histograms.l2Normalize(mean);
        return mean;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    private static String f(double v) {
        return String.format("%.4f", v);
    }

    /** {@code 1 - mean cos(prediction, label)}; labels are unit vectors. */
    static final class CosineLoss extends Loss {
        CosineLoss() {
            super("CosineLoss");
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            return cosines(labels.singletonOrThrow(), predictions.singletonOrThrow()).mean().neg().add(1);
        }

        /** Per row: {@code <label, prediction> / |prediction|}. */
        static NDArray cosines(NDArray labels, NDArray predictions) {
            NDArray norm = predictions.norm(new int[] {1}).add(1e-8f);
            return labels.mul(predictions).sum(new int[] {1}).div(norm);
        }
    }
}
