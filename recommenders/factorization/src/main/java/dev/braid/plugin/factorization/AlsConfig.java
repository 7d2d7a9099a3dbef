package dev.braid.plugin.factorization;

import dev.braid.api.component.Param;
import dev.braid.api.io.Fingerprint;

/**
 * Configuration of the {@code als} generator: implicit-feedback alternating least squares (Hu, Koren and Volinsky
 * 2008) as Spark MLlib trains it. {@code BraidJob --stage train} reads these parameters, trains on the cluster and
 * writes {@code model}; {@code braid run} and {@code braid serve} load that file.
 *
 * @param rank       latent factors
 * @param iterations ALS sweeps
 * @param regParam   L2 regularisation
 * @param alpha      confidence scale of implicit feedback ({@code c = 1 + alpha * r})
 * @param seed       seed of the factor initialisation
 * @param model      the factor file written by the Spark train stage
 */
public record AlsConfig(
        @Param(description = "latent factors", defaultValue = "64", min = 1, max = 4096) int rank,
        @Param(description = "ALS iterations", defaultValue = "15", min = 1) int iterations,
        @Param(description = "L2 regularisation", defaultValue = "0.05", min = 0) double regParam,
        @Param(description = "implicit-feedback confidence scale", defaultValue = "10", min = 0) double alpha,
        @Param(description = "seed of the factor initialisation", defaultValue = "42") long seed,
        @Param(description = "factor file written by BraidJob --stage train") String model) {

    /** Mixes every parameter that changes the trained factors; a file trained otherwise is not loaded. */
    public long fingerprint() {
        long h = Fingerprint.start();
        h = Fingerprint.mix(h, rank);
        h = Fingerprint.mix(h, iterations);
        h = Fingerprint.mix(h, regParam);
        h = Fingerprint.mix(h, alpha);
        return Fingerprint.mix(h, seed);
    }
}
