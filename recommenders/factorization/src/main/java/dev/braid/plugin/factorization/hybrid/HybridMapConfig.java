package dev.braid.plugin.factorization.hybrid;

import dev.braid.api.component.Param;

import java.util.List;

/**
 * Configuration of the {@code hybrid-map} generator.
 *
 * @param factors           collaborative factors (rank of the truncated SVD of the interaction matrix)
 * @param powerIterations   subspace iterations of the randomised SVD (more: closer to the exact factors)
 * @param maxDimension      a modality wider than this is reduced to its leading principal components first
 * @param weights           the per-modality weights searched on validation (each modality independently)
 * @param regularization    the ridge penalties searched on validation, as multiples of the number of fitted items
 * @param validationShare   share of the warm items held out, as if they were cold, to choose weights and penalty
 * @param warmContentWeights the shares of a warm item's vector taken from its mapped content (the rest from its
 *                          collaborative factors) searched on held-out interactions; cold items use the mapped
 *                          content alone
 * @param minInteractions   an item needs this many training interactions to count as warm
 * @param map               {@code ridge}: the closed-form ridge map; {@code mlp}: a one-hidden-layer network trained
 *                          with DJL ({@link MlpMap}); {@code best}: whichever ranks the held-out items better
 * @param hidden            hidden units of the {@code mlp} map
 * @param epochs            most training epochs of the {@code mlp} map (early stopping on the held-out items)
 */
public record HybridMapConfig(
        @Param(description = "collaborative factors (SVD rank)", defaultValue = "64", min = 1, max = 1024)
        int factors,
        @Param(description = "randomised SVD subspace iterations", defaultValue = "4", min = 0, max = 50)
        int powerIterations,
        @Param(description = "modalities wider than this are reduced by PCA first", defaultValue = "256", min = 2)
        int maxDimension,
        @Param(description = "per-modality weights searched on validation", defaultValue = "[0, 0.5, 1, 2]")
        List<Double> weights,
        @Param(description = "ridge penalties searched on validation (times the number of fitted items)",
                defaultValue = "[0.003, 0.01, 0.03]") List<Double> regularization,
        @Param(description = "share of warm items held out to choose weights and penalty", defaultValue = "0.2",
                min = 0.05, max = 0.5) double validationShare,
        @Param(description = "shares of a warm item's vector taken from its mapped content, searched on "
                + "held-out interactions", defaultValue = "[0, 0.25, 0.5, 0.75, 1]") List<Double> warmContentWeights,
        @Param(description = "training interactions an item needs to count as warm", defaultValue = "1", min = 1)
        int minInteractions,
        @Param(description = "content-to-factor map: ridge, mlp (DJL) or best (chosen on held-out items)",
                defaultValue = "ridge") String map,
        @Param(description = "hidden units of the mlp map", defaultValue = "256", min = 1, max = 8192) int hidden,
        @Param(description = "most training epochs of the mlp map", defaultValue = "200", min = 1) int epochs) {

    public HybridMapConfig {
        weights = weights == null || weights.isEmpty() ? List.of(0.0, 0.5, 1.0, 2.0) : List.copyOf(weights);
        regularization = regularization == null || regularization.isEmpty() ? List.of(0.003, 0.01, 0.03)
                : List.copyOf(regularization);
        for (Double w : weights) {
            if (w == null || w < 0 || !Double.isFinite(w)) {
                throw new IllegalArgumentException("weights: every weight must be a finite number >= 0, got "
                        + weights);
            }
        }
        if (weights.stream().noneMatch(w -> w > 0)) {
            throw new IllegalArgumentException("weights: at least one weight must be > 0, got " + weights);
        }
        warmContentWeights = warmContentWeights == null || warmContentWeights.isEmpty()
                ? List.of(0.0, 0.25, 0.5, 0.75, 1.0) : List.copyOf(warmContentWeights);
        for (Double a : warmContentWeights) {
            if (a == null || a < 0 || a > 1) {
                throw new IllegalArgumentException("warmContentWeights: every share must be in [0, 1], got "
                        + warmContentWeights);
            }
        }
        map = map == null ? "ridge" : map.trim().toLowerCase(java.util.Locale.ROOT);
        if (!List.of("ridge", "mlp", "best").contains(map)) {
            throw new IllegalArgumentException("map: expected ridge, mlp or best, got '" + map + "'");
        }
        for (Double r : regularization) {
            if (r == null || r <= 0 || !Double.isFinite(r)) {
                throw new IllegalArgumentException("regularization: every penalty must be a finite number > 0, got "
                        + regularization);
            }
        }
    }

    /** The documented defaults. */
    public static HybridMapConfig defaults() {
        return new HybridMapConfig(64, 4, 256, null, null, 0.2, null, 1, "ridge", 256, 200);
    }
}
