package dev.braid.plugin.content;

import dev.braid.api.component.Param;
import java.util.List;
import java.util.Map;

/**
 * Configuration of the {@code late-fusion} generator.
 *
 * @param weights            fixed weight per modality; empty means fit the weights on a validation split
 * @param modalities         the modalities to score; empty means every encoded modality
 * @param validationFraction share of each user's training interactions held out to fit the weights
 * @param validationUsers    at most this many users (seeded sample) score the candidate weights
 * @param gridStep           step of the weight grid on the simplex (weights are multiples of it, summing to 1)
 * @param k                  the cut-off of the recall the weights maximise
 */
public record LateFusionConfig(
        @Param(description = "fixed weight per modality, e.g. {text: 0.7, image: 0.3}; empty = fit on a "
                + "validation split (unlisted modalities weigh 1 when fixed)", defaultValue = "{}")
        Map<String, Double> weights,
        @Param(description = "modalities to score (text, image, audio); empty = every encoded modality",
                defaultValue = "[]") List<String> modalities,
        @Param(description = "share of each user's training interactions held out to fit the weights",
                defaultValue = "0.2", min = 0.01, max = 0.5) double validationFraction,
        @Param(description = "at most this many users score the candidate weights", defaultValue = "300", min = 1)
        int validationUsers,
        @Param(description = "step of the weight grid on the simplex", defaultValue = "0.1", min = 0.01, max = 1)
        double gridStep,
        @Param(description = "cut-off of the validation recall the weights maximise", defaultValue = "20", min = 1)
        int k) {

    public LateFusionConfig {
        weights = weights == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(weights));
        modalities = modalities == null ? List.of() : List.copyOf(modalities);
    }

    /** Weights fitted on a 20% validation split, grid step 0.1, recall@20. */
    public static LateFusionConfig defaults() {
        return new LateFusionConfig(Map.of(), List.of(), 0.2, 300, 0.1, 20);
    }
}
