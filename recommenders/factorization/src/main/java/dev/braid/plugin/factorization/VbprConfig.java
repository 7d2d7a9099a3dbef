package dev.braid.plugin.factorization;

import dev.braid.api.component.Param;
import dev.braid.api.component.ParamGroup;
import dev.braid.api.io.Fingerprint;

/**
 * Configuration of the {@code vbpr} generator.
 *
 * @param factors               collaborative latent factors
 * @param contentFactors        content factors (rows of the learned projection of the fused vector)
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
 * @param training              epochs, SGD step, regularisation, early stopping, sampling and model file, as for
 *                              {@code bpr}
 */
public record VbprConfig(
        @Param(description = "collaborative latent factors", defaultValue = "64", min = 1, max = 4096) int factors,
        @Param(description = "content factors (projection of the fused vector)", defaultValue = "32", min = 1,
                max = 4096) int contentFactors,
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
        @ParamGroup BprTraining training) {

    public VbprConfig {
        training = training == null ? BprTraining.defaults() : training;
        if (batchSize < 0) {
            throw new IllegalArgumentException("batchSize: must be >= 0, got " + batchSize);
        }
        if (!(contentOnlyWeight >= 0)) {
            throw new IllegalArgumentException("contentOnlyWeight: must be >= 0, got " + contentOnlyWeight);
        }
    }

    /** The defaults. */
    public static VbprConfig defaults() {
        return new VbprConfig(64, 32, 0.001, 128, 0, 0, BprTraining.defaults());
    }

    /** The mini-batch size for this many training positives (resolves 0 = automatic). */
    int batchSize(int positives) {
        return batchSize > 0 ? batchSize : Math.max(1024, Math.min(16_384, positives / 32));
    }

    /** Mixes every parameter that changes the trained model into a fingerprint: the content ones, then training. */
    long fingerprint(long h) {
        for (double p : new double[] {factors, contentFactors, contentRegularization, contentDimension, batchSize,
                contentOnlyWeight}) {
            h = Fingerprint.mix(h, p);
        }
        return training.fingerprint(h);
    }
}
