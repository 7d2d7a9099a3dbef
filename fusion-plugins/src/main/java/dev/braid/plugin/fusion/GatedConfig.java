package dev.braid.plugin.fusion;

import dev.braid.api.component.Param;
import dev.braid.api.component.ParamGroup;
import java.util.List;

/**
 * Configuration of the {@code gated} fusion strategy.
 *
 * @param modalities          the modalities to fuse; empty means every modality of the input
 * @param dimension           the common dimension every modality is projected to
 * @param reduction           projection, standardisation and PCA settings ({@link ProjectionParams})
 * @param output              {@code concat}: one gated block per modality ({@code M x dimension}); {@code sum}: the
 *                            gated sum ({@code dimension})
 * @param epochs              most training epochs (0: untrained gates, equal weights over present modalities)
 * @param learningRate        Adam step size
 * @param l2                  L2 penalty on the gate weights
 * @param training            batches, early stopping and the best-single-modality rule, as for {@code transformer}
 */
public record GatedConfig(
        @Param(description = "modalities to fuse (text, image, audio); empty = all present in the input",
                defaultValue = "[]") List<String> modalities,
        @Param(description = "common dimension every modality is projected to", defaultValue = "64", min = 1)
        int dimension,
        @ParamGroup ProjectionParams reduction,
        @Param(description = "concat (one gated block per modality) or sum (gated sum in the common space)",
                defaultValue = "concat") String output,
        @Param(description = "most training epochs (0 = untrained: equal weights over present modalities)",
                defaultValue = "30", min = 0) int epochs,
        @Param(description = "Adam step size", defaultValue = "0.05", min = 0) double learningRate,
        @Param(description = "L2 penalty on the gate weights", defaultValue = "0.0001", min = 0) double l2,
        @ParamGroup FusionTraining training) {

    /** @throws IllegalArgumentException naming the parameter that is out of range */
    public GatedConfig {
        modalities = modalities == null ? List.of() : List.copyOf(modalities);
        reduction = reduction == null ? ProjectionParams.of("pca") : reduction;
        training = training == null ? FusionTraining.defaults() : training;
        output = ParamRules.choice("output", output, "concat", "sum");
        ParamRules.check(dimension >= 1, "dimension", "must be >= 1", dimension);
        ParamRules.check(epochs >= 0, "epochs", "must be >= 0", epochs);
        ParamRules.check(learningRate > 0, "learningRate", "must be > 0", learningRate);
        ParamRules.check(l2 >= 0, "l2", "must be >= 0", l2);
    }

    /** The defaults with this many epochs, projection and dimension. */
    public static GatedConfig of(int epochs, String projection, int dimension, String output) {
        return new GatedConfig(List.of(), dimension, ProjectionParams.of(projection), output, epochs, 0.05, 1e-4,
                FusionTraining.defaults());
    }

    /** The same configuration with {@code keepBestInput} set. */
    public GatedConfig withKeepBestInput(boolean keep) {
        return withTraining(training.withKeepBestInput(keep));
    }

    /** The same configuration with {@code validationHoldout} set. */
    public GatedConfig withValidationHoldout(String holdout) {
        return withTraining(training.withValidationHoldout(holdout));
    }

    /** The same configuration with other training parameters. */
    public GatedConfig withTraining(FusionTraining t) {
        return new GatedConfig(modalities, dimension, reduction, output,
                epochs, learningRate, l2, t);
    }
}
