package dev.braid.plugin.factorization;

import dev.braid.api.component.Param;
import dev.braid.api.io.Fingerprint;

/**
 * Configuration of the {@code vbpr} generator.
 *
 * @param factors               collaborative latent factors
 * @param contentFactors        content factors (rows of the learned projection of the fused vector)
 * @param epochs                the most SGD epochs
 * @param learningRate          SGD step size
 * @param regularization        L2 weight on user and item factors, biases and user content factors
 * @param contentRegularization L2 weight on the projection and the content bias
 * @param contentDimension      dense content vectors wider than this are reduced to it by a seeded Gaussian random
 *                              projection before training (cosines are roughly kept); 0 = never
 * @param batchSize             draws per update of the content projection and content bias: the items' projections
 *                              are cached and the summed gradient is applied once per batch, with one L2 shrinkage;
 *                              0 = automatic (a 32nd of the training positives, between 1,024 and 16,384); 1 = update
 *                              them on every draw (the original per-draw SGD, regularised on every update)
 * @param contentOnlyWeight     mini-batch training also minimises this weight times the BPR loss of the content terms
 *                              alone ({@code θ_u · E (f_i - f_j) + β · (f_i - f_j)}, as if both items were cold), so
 *                              that the content terms rank on their own, as they must for items without
 *                              interactions; 0 = plain VBPR (the content terms only fit what the item factors leave)
 * @param validationShare       share of each user's positives held out for early stopping; 0 = off
 * @param evalEvery             validate every this many epochs
 * @param patience              validations without improvement before stopping
 * @param refit                 retrain on all positives for the best epoch count after early stopping
 * @param maxValidationUsers    users ranked at each validation, at most
 * @param sampling           how a positive pair is drawn: {@code pair} (uniform over all positives, as Cornac) or
 *                           {@code user} (a uniform user, then one of their positives, as Rendle's paper and LibRec)
 * @param modelPath             model file, as for {@code bpr}; empty = none
 */
public record VbprConfig(
        @Param(description = "collaborative latent factors", defaultValue = "64", min = 1, max = 4096) int factors,
        @Param(description = "content factors (projection of the fused vector)", defaultValue = "32", min = 1,
                max = 4096) int contentFactors,
        @Param(description = "maximum SGD epochs", defaultValue = "100", min = 1) int epochs,
        @Param(description = "SGD learning rate", defaultValue = "0.05", min = 0) double learningRate,
        @Param(description = "L2 regularisation of factors and biases", defaultValue = "0.01", min = 0)
        double regularization,
        @Param(description = "L2 regularisation of the content projection and content bias",
                defaultValue = "0.001", min = 0) double contentRegularization,
        @Param(description = "reduce dense content vectors wider than this by random projection; 0 = never",
                defaultValue = "128", min = 0) int contentDimension,
        @Param(description = "draws per update of the content projection E and content bias (projections cached "
                + "in between); 0 = a 32nd of the positives, within [1024, 16384]; 1 = per-draw updates",
                defaultValue = "0", min = 0) int batchSize,
        @Param(description = "weight of the extra BPR loss on the content terms alone (trains them to rank cold "
                + "items); 0 = plain VBPR; mini-batch training only", defaultValue = "0", min = 0)
        double contentOnlyWeight,
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

    public VbprConfig {
        modelPath = modelPath == null ? "" : modelPath;
        sampling = sampling == null ? "pair" : sampling;
        if (batchSize < 0) {
            throw new IllegalArgumentException("batchSize: must be >= 0, got " + batchSize);
        }
        if (!(contentOnlyWeight >= 0)) {
            throw new IllegalArgumentException("contentOnlyWeight: must be >= 0, got " + contentOnlyWeight);
        }
        if (!sampling.equals("pair") && !sampling.equals("user")) {
            throw new IllegalArgumentException("sampling: expected pair or user, got '" + sampling + "'");
        }
    }

    /** The defaults. */
    public static VbprConfig defaults() {
        return new VbprConfig(64, 32, 100, 0.05, 0.01, 0.001, 128, 0, 0, 0.1, 5, 3, true, 5000, "pair", "");
    }

    boolean userSampling() {
        return sampling.equals("user");
    }

    /** The mini-batch size for this many training positives (resolves 0 = automatic). */
    int batchSize(int positives) {
        return batchSize > 0 ? batchSize : Math.max(1024, Math.min(16_384, positives / 32));
    }

    TrainingPlan plan(long seed) {
        return new TrainingPlan(epochs, validationShare, evalEvery, patience, refit, maxValidationUsers, seed);
    }

    long fingerprint(long h) {
        h = Fingerprint.mix(h, factors);
        h = Fingerprint.mix(h, contentFactors);
        h = Fingerprint.mix(h, epochs);
        h = Fingerprint.mix(h, learningRate);
        h = Fingerprint.mix(h, regularization);
        h = Fingerprint.mix(h, contentRegularization);
        h = Fingerprint.mix(h, contentDimension);
        h = Fingerprint.mix(h, batchSize);
        h = Fingerprint.mix(h, contentOnlyWeight);
        h = Fingerprint.mix(h, validationShare);
        h = Fingerprint.mix(h, evalEvery);
        h = Fingerprint.mix(h, patience);
        h = Fingerprint.mix(h, refit ? 1 : 0);
        h = Fingerprint.mix(h, sampling);
        return Fingerprint.mix(h, maxValidationUsers);
    }
}
