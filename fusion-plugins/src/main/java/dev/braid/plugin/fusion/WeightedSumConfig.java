package dev.braid.plugin.fusion;

import dev.braid.api.component.Param;
import java.util.List;
import java.util.Map;

/**
 * Configuration of the {@code weighted-sum} fusion strategy.
 *
 * @param weights         weight of each modality ({@code >= 0}); unlisted modalities weigh 1
 * @param modalities      the modalities to fuse; empty means every modality of the input
 * @param dimension       the common dimension every modality is projected to
 * @param projection      {@code pca} (fitted on the catalog), {@code random} (seeded orthogonal) or {@code none}
 *                        (the modalities already share a space of {@code dimension})
 * @param standardise     standardise each modality per dimension before projecting
 * @param minStdRatio     std floor relative to the modality's mean spread (see {@link Standardizer})
 * @param powerIterations power iterations of the randomised PCA (more: closer to exact, slower)
 */
public record WeightedSumConfig(
        @Param(description = "weight per modality, e.g. {text: 1.0, image: 0.5}; unlisted modalities weigh 1",
                defaultValue = "{}") Map<String, Double> weights,
        @Param(description = "modalities to fuse (text, image, audio); empty = all present in the input",
                defaultValue = "[]") List<String> modalities,
        @Param(description = "common dimension every modality is projected to", defaultValue = "64", min = 1)
        int dimension,
        @Param(description = "projection to the common dimension: pca (fitted on the catalog), random (seeded "
                + "orthogonal) or none (modalities already share the space)", defaultValue = "pca") String projection,
        @Param(description = "standardise each modality per dimension before projecting", defaultValue = "true")
        boolean standardise,
        @Param(description = "std floor relative to the modality's mean spread", defaultValue = "0.01", min = 0)
        double minStdRatio,
        @Param(description = "power iterations of the randomised PCA", defaultValue = "1", min = 0, max = 10)
        int powerIterations) {

    public WeightedSumConfig {
        weights = weights == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(weights));
        modalities = modalities == null ? List.of() : List.copyOf(modalities);
    }

    /** Equal weights, PCA to 64 dimensions. */
    public static WeightedSumConfig defaults() {
        return new WeightedSumConfig(Map.of(), List.of(), 64, "pca", true, 0.01, 1);
    }
}
