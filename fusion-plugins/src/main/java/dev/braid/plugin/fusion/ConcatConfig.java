package dev.braid.plugin.fusion;

import dev.braid.api.component.Param;
import java.util.List;
import java.util.Map;

/**
 * Configuration of the {@code concat} fusion strategy.
 *
 * @param weights    weight of each modality's block (modality key to weight, {@code >= 0}); unlisted modalities
 *                   weigh 1
 * @param modalities  the modalities to fuse, by key; empty means every modality present in the input
 * @param minStdRatio floor of a dimension's standard deviation relative to the modality's mean spread, so that
 *                    dimensions with a tiny but non-zero spread are not blown up (see {@link Standardizer})
 */
public record ConcatConfig(
        @Param(description = "weight per modality, e.g. {text: 1.0, image: 0.5}; unlisted modalities weigh 1",
                defaultValue = "{}") Map<String, Double> weights,
        @Param(description = "modalities to fuse (text, image, audio); empty = all present in the input",
                defaultValue = "[]") List<String> modalities,
        @Param(description = "floor of a dimension's standard deviation, relative to the modality's mean spread "
                + "(dimensions with tiny spread are not blown up)", defaultValue = "0.01", min = 0)
        double minStdRatio) {

    public ConcatConfig {
        weights = weights == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(weights));
        modalities = modalities == null ? List.of() : List.copyOf(modalities);
    }

    /** Weights and modalities with the default std floor (0.01). */
    public ConcatConfig(Map<String, Double> weights, List<String> modalities) {
        this(weights, modalities, 0.01);
    }

    /** The defaults: every present modality, weight 1 each. */
    public static ConcatConfig defaults() {
        return new ConcatConfig(Map.of(), List.of());
    }
}
