package dev.braid.plugin.factorization;

import dev.braid.api.component.Param;
import dev.braid.api.io.Fingerprint;

/**
 * How {@code bpr} and {@code vbpr} train: SGD over sampled (user, positive, negative) triples with early stopping on
 * held-out positives, and where the trained model is kept. A {@link dev.braid.api.component.ParamGroup} of both
 * configurations: its keys sit beside theirs.
 *
 * @param epochs             the most SGD epochs (one epoch draws as many triples as there are positives)
 * @param learningRate       SGD step size
 * @param regularization     L2 weight on the user and item factors and biases
 * @param validationShare    share of each user's positives held out for early stopping; 0 = off
 * @param evalEvery          validate every this many epochs
 * @param patience           validations without improvement before stopping
 * @param refit              retrain on all positives for the best epoch count after early stopping
 * @param maxValidationUsers users ranked at each validation, at most
 * @param sampling           how a positive pair is drawn: {@code pair} (uniform over all positives, as Cornac) or
 *                           {@code user} (a uniform user, then one of their positives, as Rendle's paper and LibRec)
 * @param modelPath          model file: loaded when it was trained on the same data, parameters and seed, written
 *                           (atomically) after training otherwise; empty = keep in memory only
 */
public record BprTraining(
        @Param(description = "maximum SGD epochs", defaultValue = "100", min = 1) int epochs,
        @Param(description = "SGD learning rate", defaultValue = "0.05", min = 0) double learningRate,
        @Param(description = "L2 regularisation of factors and biases", defaultValue = "0.01", min = 0)
        double regularization,
        @Param(description = "share of each user's positives held out for early stopping; 0 = off",
                defaultValue = "0.1", min = 0, max = 0.9) double validationShare,
        @Param(description = "validate every this many epochs", defaultValue = "5", min = 1) int evalEvery,
        @Param(description = "validations without improvement before stopping", defaultValue = "3", min = 1)
        int patience,
        @Param(description = "after early stopping, retrain on all positives for the best epoch count",
                defaultValue = "true") boolean refit,
        @Param(description = "users ranked at each validation, at most", defaultValue = "5000", min = 1)
        int maxValidationUsers,
        @Param(description = "positive sampling: pair (uniform over positives) or user (uniform user first)",
                defaultValue = "pair") String sampling,
        @Param(description = "model file (loaded if trained on the same inputs, else written after training); "
                + "empty = none", defaultValue = "") String modelPath) {

    public BprTraining {
        sampling = sampling == null ? "pair" : sampling;
        modelPath = modelPath == null ? "" : modelPath;
        if (!sampling.equals("pair") && !sampling.equals("user")) {
            throw new IllegalArgumentException("sampling: expected pair or user, got '" + sampling + "'");
        }
    }

    /** The defaults. */
    public static BprTraining defaults() {
        return of(100, 0.1, "");
    }

    /** The defaults with this many epochs, validation share and model file (tests and benchmarks). */
    public static BprTraining of(int epochs, double validationShare, String modelPath) {
        return new BprTraining(epochs, 0.05, 0.01, validationShare, 5, 3, true, 5000, "pair", modelPath);
    }

    boolean userSampling() {
        return sampling.equals("user");
    }

    TrainingPlan plan(long seed) {
        return new TrainingPlan(epochs, validationShare, evalEvery, patience, refit, maxValidationUsers, seed);
    }

    /** Mixes every parameter that changes the trained model (all but the model file) into a fingerprint. */
    long fingerprint(long h) {
        for (double p : new double[] {epochs, learningRate, regularization, validationShare, evalEvery, patience,
                refit ? 1 : 0, maxValidationUsers}) {
            h = Fingerprint.mix(h, p);
        }
        return Fingerprint.mix(h, sampling);
    }
}
