package dev.braid.plugin.fusion;

import dev.braid.api.component.Param;
import java.util.List;
import java.util.Map;

/**
 * Configuration of the {@code concat} fusion strategy.
 *
 * @param weights             weight of each modality's block (modality key to weight, {@code >= 0}); unlisted
 *                            modalities weigh 1. Any weight given fixes the weights: no search
 * @param modalities          the modalities to fuse, by key; empty means every modality present in the input
 * @param minStdRatio         floor of a dimension's standard deviation relative to the modality's mean spread, so that
 *                            dimensions with a tiny but non-zero spread are not blown up (see {@link Standardizer})
 * @param validateWeights     with training interactions and no {@code weights}, pick the weights on a validation split
 *                            (simplex grid, scored with the learned strategies' objective); off: weight 1 each
 * @param gridStep            step of the simplex grid of candidate weights (weights are multiples of it, summing to 1)
 * @param validationFraction  share of each user's training interactions held out to score the weights
 * @param validationNegatives sampled negatives per held-out interaction (validation AUC)
 * @param validationHoldout   what validation holds out: {@code interactions} (a share of each user's) or
 *                            {@code items} (a share of the items with all their interactions, as in a cold-start
 *                            evaluation; see {@link Holdout})
 */
public record ConcatConfig(
        @Param(description = "weight per modality, e.g. {text: 1.0, image: 0.5}; unlisted modalities weigh 1; "
                + "fixed weights turn the validation search off", defaultValue = "{}") Map<String, Double> weights,
        @Param(description = "modalities to fuse (text, image, audio); empty = all present in the input",
                defaultValue = "[]") List<String> modalities,
        @Param(description = "floor of a dimension's standard deviation, relative to the modality's mean spread "
                + "(dimensions with tiny spread are not blown up)", defaultValue = "0.01", min = 0)
        double minStdRatio,
        @Param(description = "with training interactions and no fixed weights, pick the weights on a validation "
                + "split (simplex grid, validation AUC of the content-profile cosine)", defaultValue = "true")
        boolean validateWeights,
        @Param(description = "step of the simplex grid of candidate weights", defaultValue = "0.1", min = 0.01,
                max = 1) double gridStep,
        @Param(description = "share of each user's training interactions held out to score the weights",
                defaultValue = "0.1", min = 0.01, max = 0.5) double validationFraction,
        @Param(description = "sampled negatives per held-out interaction (validation AUC)", defaultValue = "20",
                min = 1) int validationNegatives,
        @Param(description = "what validation holds out: interactions (a share of each user's) or items (a share "
                + "of the items, never trained on, as in a cold-start evaluation)", defaultValue = "interactions")
        String validationHoldout) {

    public ConcatConfig {
        weights = weights == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(weights));
        modalities = modalities == null ? List.of() : List.copyOf(modalities);
        validationHoldout = validationHoldout == null ? "interactions" : validationHoldout;
    }

    /** Weights, modalities and std floor; the weight search with its defaults. */
    public ConcatConfig(Map<String, Double> weights, List<String> modalities, double minStdRatio) {
        this(weights, modalities, minStdRatio, true, 0.1, 0.1, 20, "interactions");
    }

    /** Weights and modalities with the default std floor (0.01) and weight search. */
    public ConcatConfig(Map<String, Double> weights, List<String> modalities) {
        this(weights, modalities, 0.01);
    }

    /** The defaults: every present modality; weights searched on validation when interactions are given, else 1. */
    public static ConcatConfig defaults() {
        return new ConcatConfig(Map.of(), List.of());
    }

    /** The same configuration with the weight search switched on or off. */
    public ConcatConfig withValidateWeights(boolean validate) {
        return new ConcatConfig(weights, modalities, minStdRatio, validate, gridStep, validationFraction,
                validationNegatives, validationHoldout);
    }

    /** The same configuration with {@code validationHoldout} set. */
    public ConcatConfig withValidationHoldout(String holdout) {
        return new ConcatConfig(weights, modalities, minStdRatio, validateWeights, gridStep, validationFraction,
                validationNegatives, holdout);
    }
}
