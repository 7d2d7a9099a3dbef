package dev.braid.plugin.fusion;

import dev.braid.api.component.Param;
import dev.braid.api.component.ParamGroup;
import java.util.List;
import java.util.Map;

/**
 * Configuration of the {@code weighted-sum} fusion strategy.
 *
 * @param weights         weight of each modality ({@code >= 0}); unlisted modalities weigh 1
 * @param modalities      the modalities to fuse; empty means every modality of the input
 * @param dimension       the common dimension every modality is projected to
 * @param reduction       projection, standardisation and PCA settings ({@link ProjectionParams})
 */
public record WeightedSumConfig(
        @Param(description = "weight per modality, e.g. {text: 1.0, image: 0.5}; unlisted modalities weigh 1",
                defaultValue = "{}") Map<String, Double> weights,
        @Param(description = "modalities to fuse (text, image, audio); empty = all present in the input",
                defaultValue = "[]") List<String> modalities,
        @Param(description = "common dimension every modality is projected to", defaultValue = "64", min = 1)
        int dimension,
        @ParamGroup ProjectionParams reduction) {

    public WeightedSumConfig {
        weights = weights == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(weights));
        modalities = modalities == null ? List.of() : List.copyOf(modalities);
        reduction = reduction == null ? ProjectionParams.of("pca") : reduction;
    }

    /** Equal weights, PCA to 64 dimensions. */
    public static WeightedSumConfig defaults() {
        return new WeightedSumConfig(Map.of(), List.of(), 64, ProjectionParams.of("pca"));
    }
}
