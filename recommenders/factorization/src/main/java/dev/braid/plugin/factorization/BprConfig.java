package dev.braid.plugin.factorization;

import dev.braid.api.component.Param;
import dev.braid.api.component.ParamGroup;
import dev.braid.api.io.Fingerprint;

/**
 * Configuration of the {@code bpr} generator.
 *
 * @param factors   latent dimension
 * @param itemBias  learn an item bias term
 * @param training  epochs, SGD step, regularisation, early stopping, sampling and model file, as for {@code vbpr}
 */
public record BprConfig(
        @Param(description = "latent factors", defaultValue = "64", min = 1, max = 4096) int factors,
        @Param(description = "learn item biases", defaultValue = "true") boolean itemBias,
        @ParamGroup BprTraining training) {

    public BprConfig {
        training = training == null ? BprTraining.defaults() : training;
    }

    /** The defaults. */
    public static BprConfig defaults() {
        return new BprConfig(64, true, BprTraining.defaults());
    }

    /** Mixes every parameter that changes the trained model into a fingerprint. */
    long fingerprint(long h) {
        h = Fingerprint.mix(h, factors);
        h = Fingerprint.mix(h, itemBias ? 1 : 0);
        return training.fingerprint(h);
    }
}
