package dev.braid.plugin.neural;

import dev.braid.api.component.Param;
import dev.braid.api.io.Fingerprint;

/**
 * Configuration of the {@code two-tower} generator.
 *
 * @param dimension          output dimension of the item tower (the space users and items share)
 * @param hidden             hidden width of the item tower's MLP over content
 * @param inputDimension     content vectors wider than this are reduced by a seeded Gaussian random projection
 *                           first (0 = never)
 * @param idEmbedding        add a learned per-item id embedding to the content tower's output (items without
 *                           training interactions keep a zero id vector: they are scored from content alone)
 * @param idDropout          probability that an item's id part is dropped in a training step, so the content path
 *                           learns to stand alone (cold items)
 * @param itemBias           learn a per-item score bias (zero for items without training interactions)
 * @param userEmbedding      add a learned per-user embedding to the mean of the history's item vectors (users
 *                           unknown to training have none and are scored from their history or query alone)
 * @param temperature        softmax temperature on cosine similarities
 * @param batchSize          positive (user, item) pairs per step; they are also each other's negatives
 * @param negatives          uniformly sampled negatives per step, shared by the batch
 * @param inBatchNegatives   use the other positives of the batch as negatives too
 * @param logQCorrection     subtract the log of each candidate's sampling probability from its logit (corrects
 *                           the popularity skew of in-batch negatives)
 * @param historyLength      at most this many history items (sampled) form a user's vector in a training step
 * @param epochs             the most epochs (one epoch visits every training positive once)
 * @param learningRate       Adam step size
 * @param weightDecay        L2 weight on the tower weights and embeddings (added to the gradient)
 * @param validationShare    share of each user's positives held out for early stopping; 0 = off
 * @param evalEvery          validate every this many epochs
 * @param patience           validations without improvement before stopping (the best model is kept)
 * @param maxValidationUsers users ranked at each validation, at most
 * @param threads            PyTorch intra-op threads while training; 1 makes training bit-for-bit reproducible
 * @param modelPath          model file: loaded when it was trained on the same data, parameters and seed, written
 *                           (atomically, with a {@code .json} sidecar) after training otherwise; empty = none
 */
public record TwoTowerConfig(
        @Param(description = "shared embedding dimension", defaultValue = "64", min = 1, max = 4096) int dimension,
        @Param(description = "hidden width of the item tower MLP", defaultValue = "256", min = 1, max = 16384)
        int hidden,
        @Param(description = "random-project content wider than this first; 0 = never", defaultValue = "256",
                min = 0) int inputDimension,
        @Param(description = "learn an item id embedding next to the content tower", defaultValue = "true")
        boolean idEmbedding,
        @Param(description = "probability of dropping an item's id part in training", defaultValue = "0.5",
                min = 0, max = 1) double idDropout,
        @Param(description = "learn a per-item score bias", defaultValue = "true") boolean itemBias,
        @Param(description = "learn a per-user embedding added to the history mean", defaultValue = "false")
        boolean userEmbedding,
        @Param(description = "softmax temperature on cosine similarities", defaultValue = "0.1", min = 0.001)
        double temperature,
        @Param(description = "positive pairs per training step", defaultValue = "512", min = 1) int batchSize,
        @Param(description = "uniformly sampled negatives per step", defaultValue = "512", min = 0) int negatives,
        @Param(description = "use the batch's other positives as negatives", defaultValue = "true")
        boolean inBatchNegatives,
        @Param(description = "subtract log sampling probability from each candidate logit", defaultValue = "true")
        boolean logQCorrection,
        @Param(description = "history items per user vector in a training step, at most", defaultValue = "50",
                min = 1) int historyLength,
        @Param(description = "maximum epochs", defaultValue = "40", min = 1) int epochs,
        @Param(description = "Adam learning rate", defaultValue = "0.003", min = 0) double learningRate,
        @Param(description = "L2 weight decay", defaultValue = "0.0", min = 0) double weightDecay,
        @Param(description = "share of each user's positives held out for early stopping; 0 = off",
                defaultValue = "0.1", min = 0, max = 0.9) double validationShare,
        @Param(description = "validate every this many epochs", defaultValue = "1", min = 1) int evalEvery,
        @Param(description = "validations without improvement before stopping", defaultValue = "3", min = 1)
        int patience,
        @Param(description = "users ranked at each validation, at most", defaultValue = "2000", min = 1)
        int maxValidationUsers,
        @Param(description = "PyTorch threads while training (1 = bit-reproducible)", defaultValue = "1",
                min = 1, max = 1024) int threads,
        @Param(description = "model file (loaded if trained on the same inputs, else written after training); "
                + "empty = none", defaultValue = "") String modelPath) {

    public TwoTowerConfig {
        modelPath = modelPath == null ? "" : modelPath;
        require(dimension >= 1, "dimension", "must be >= 1, got " + dimension);
        require(hidden >= 1, "hidden", "must be >= 1, got " + hidden);
        require(inputDimension >= 0, "inputDimension", "must be >= 0, got " + inputDimension);
        require(idDropout >= 0 && idDropout <= 1, "idDropout", "must be in [0, 1], got " + idDropout);
        require(temperature > 0, "temperature", "must be > 0, got " + temperature);
        require(batchSize >= 1, "batchSize", "must be >= 1, got " + batchSize);
        require(negatives >= 0, "negatives", "must be >= 0, got " + negatives);
        require(negatives > 0 || inBatchNegatives, "negatives",
                "must be > 0 when inBatchNegatives is false (there would be nothing to contrast with)");
        require(historyLength >= 1, "historyLength", "must be >= 1, got " + historyLength);
        require(epochs >= 1, "epochs", "must be >= 1, got " + epochs);
        require(learningRate > 0, "learningRate", "must be > 0, got " + learningRate);
        require(weightDecay >= 0, "weightDecay", "must be >= 0, got " + weightDecay);
        require(validationShare >= 0 && validationShare < 1, "validationShare",
                "must be in [0, 1), got " + validationShare);
        require(evalEvery >= 1, "evalEvery", "must be >= 1, got " + evalEvery);
        require(patience >= 1, "patience", "must be >= 1, got " + patience);
        require(threads >= 1, "threads", "must be >= 1, got " + threads);
        require(maxValidationUsers >= 1, "maxValidationUsers", "must be >= 1, got " + maxValidationUsers);
    }

    /** The defaults. */
    public static TwoTowerConfig defaults() {
        return new TwoTowerConfig(64, 256, 256, true, 0.5, true, false, 0.1, 512, 512, true, true, 50, 40, 0.003, 0, 0.1,
                1, 3, 2000, 1, "");
    }

    /** A copy with other training length and model file (the usual knobs of tests and benchmarks). */
    public TwoTowerConfig with(int epochs, double validationShare, String modelPath) {
        return new TwoTowerConfig(dimension, hidden, inputDimension, idEmbedding, idDropout, itemBias, userEmbedding,
                temperature,
                batchSize, negatives, inBatchNegatives, logQCorrection, historyLength, epochs, learningRate,
                weightDecay, validationShare, evalEvery, patience, maxValidationUsers, threads, modelPath);
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new IllegalArgumentException(field + ": " + message);
        }
    }

    /** Mixes every parameter that changes the trained model into a fingerprint. */
    long fingerprint(long h) {
        for (double p : new double[] {dimension, hidden, inputDimension, idEmbedding ? 1 : 0, idDropout,
                itemBias ? 1 : 0, userEmbedding ? 1 : 0, temperature, batchSize, negatives, inBatchNegatives ? 1 : 0,
                logQCorrection ? 1 : 0, historyLength, epochs, learningRate, weightDecay, validationShare, evalEvery,
                patience, maxValidationUsers}) {
            h = Fingerprint.mix(h, p);
        }
        return h;
    }
}
