package dev.braid.plugin.fusion;

import dev.braid.api.component.Param;
import java.util.List;

/**
 * Configuration of the {@code gated} fusion strategy.
 *
 * @param modalities          the modalities to fuse; empty means every modality of the input
 * @param dimension           the common dimension every modality is projected to
 * @param projection          {@code pca}, {@code random} or {@code none} (see {@link WeightedSumConfig})
 * @param standardise         standardise each modality per dimension before projecting
 * @param minStdRatio         std floor relative to the modality's mean spread
 * @param powerIterations     power iterations of the randomised PCA
 * @param output              {@code concat}: one gated block per modality ({@code M x dimension}); {@code sum}: the
 *                            gated sum ({@code dimension})
 * @param epochs              most training epochs (0: untrained gates, equal weights over present modalities)
 * @param learningRate        Adam step size
 * @param l2                  L2 penalty on the gate weights
 * @param batchUsers          users per gradient step
 * @param validationFraction  share of each user's training interactions held out for early stopping
 * @param patience            epochs without validation improvement before stopping
 * @param validationNegatives sampled negatives per held-out interaction (validation AUC)
 * @param scoreScale          factor on the cosine difference inside the BPR sigmoid (cosines lie in [-1, 1], so
 *                            without it the loss saturates nowhere and barely separates good from bad rankings)
 * @param keepBestInput       after training, keep the best single modality alone when the gates do not beat it on
 *                            validation ({@link BestInputRule})
 * @param validationHoldout   what validation holds out: {@code interactions} (a share of each user's) or
 *                            {@code items} (a share of the items with all their interactions, as in a cold-start
 *                            evaluation; see {@link Holdout})
 */
public record GatedConfig(
        @Param(description = "modalities to fuse (text, image, audio); empty = all present in the input",
                defaultValue = "[]") List<String> modalities,
        @Param(description = "common dimension every modality is projected to", defaultValue = "64", min = 1)
        int dimension,
        @Param(description = "projection to the common dimension: pca, random or none", defaultValue = "pca")
        String projection,
        @Param(description = "standardise each modality per dimension before projecting", defaultValue = "true")
        boolean standardise,
        @Param(description = "std floor relative to the modality's mean spread", defaultValue = "0.01", min = 0)
        double minStdRatio,
        @Param(description = "power iterations of the randomised PCA", defaultValue = "1", min = 0, max = 10)
        int powerIterations,
        @Param(description = "concat (one gated block per modality) or sum (gated sum in the common space)",
                defaultValue = "concat") String output,
        @Param(description = "most training epochs (0 = untrained: equal weights over present modalities)",
                defaultValue = "30", min = 0) int epochs,
        @Param(description = "Adam step size", defaultValue = "0.05", min = 0) double learningRate,
        @Param(description = "L2 penalty on the gate weights", defaultValue = "0.0001", min = 0) double l2,
        @Param(description = "users per gradient step", defaultValue = "128", min = 1) int batchUsers,
        @Param(description = "share of each user's training interactions held out for early stopping",
                defaultValue = "0.1", min = 0, max = 0.5) double validationFraction,
        @Param(description = "epochs without validation improvement before stopping", defaultValue = "3", min = 1)
        int patience,
        @Param(description = "sampled negatives per held-out interaction (validation AUC)", defaultValue = "20",
                min = 1) int validationNegatives,
        @Param(description = "factor on the cosine difference inside the BPR sigmoid", defaultValue = "10", min = 0)
        double scoreScale,
        @Param(description = "after training, keep the best single modality alone when the gates do not beat it on "
                + "validation", defaultValue = "true") boolean keepBestInput,
        @Param(description = "what validation holds out: interactions (a share of each user's) or items (a share "
                + "of the items, never trained on, as in a cold-start evaluation)", defaultValue = "interactions")
        String validationHoldout) {

    public GatedConfig {
        modalities = modalities == null ? List.of() : List.copyOf(modalities);
        validationHoldout = validationHoldout == null ? "interactions" : validationHoldout;
    }

    /** The defaults with this many epochs, projection and dimension. */
    public static GatedConfig of(int epochs, String projection, int dimension, String output) {
        return new GatedConfig(List.of(), dimension, projection, true, 0.01, 1, output, epochs, 0.05, 1e-4, 128, 0.1,
                3, 20, 10, true, "interactions");
    }

    /** The same configuration with {@code keepBestInput} set. */
    public GatedConfig withKeepBestInput(boolean keep) {
        return new GatedConfig(modalities, dimension, projection, standardise, minStdRatio, powerIterations, output,
                epochs, learningRate, l2, batchUsers, validationFraction, patience, validationNegatives, scoreScale,
                keep, validationHoldout);
    }

    /** The same configuration with {@code validationHoldout} set. */
    public GatedConfig withValidationHoldout(String holdout) {
        return new GatedConfig(modalities, dimension, projection, standardise, minStdRatio, powerIterations, output,
                epochs, learningRate, l2, batchUsers, validationFraction, patience, validationNegatives, scoreScale,
                keepBestInput, holdout);
    }
}
