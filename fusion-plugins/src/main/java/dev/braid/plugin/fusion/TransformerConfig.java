package dev.braid.plugin.fusion;

import dev.braid.api.component.Param;
import dev.braid.api.component.ParamGroup;
import java.util.List;

/**
 * Configuration of the {@code transformer} fusion strategy.
 *
 * @param modalities          the modalities to fuse; empty means every modality of the input
 * @param inputDimension      each modality is first reduced to this many dimensions (PCA or random projection,
 *                            fitted on the catalog) and L2-normalised: the input of its token projection
 * @param reduction           projection to {@code inputDimension}, standardisation and PCA settings
 *                            ({@link ProjectionParams})
 * @param modelDimension      token width {@code d_model}
 * @param heads               attention heads ({@code modelDimension} must be a multiple)
 * @param layers              encoder layers (1 or 2)
 * @param ffnDimension        hidden width of each layer's feed-forward network
 * @param pooling             {@code cls}: a learned [CLS] token's output; {@code mean}: mean of the present
 *                            modality tokens
 * @param dimension           length of the fused vector
 * @param epochs              most training epochs
 * @param learningRate        Adam step size
 * @param weightDecay         decoupled weight decay on the matrices (AdamW)
 * @param engineThreads       PyTorch intra-op threads while this strategy trains (process-wide during training;
 *                            0 leaves the engine's setting); the tensors are tiny, see
 *                            {@link TransformerTrainer#train}
 * @param modelFile           where the trained model is saved and, when its fingerprint matches, loaded from
 *                            (relative to the configuration's folder); empty: train every time, save nothing
 * @param training            batches, early stopping and the best-single-modality rule, as for {@code gated}
 */
public record TransformerConfig(
        @Param(description = "modalities to fuse (text, image, audio); empty = all present in the input",
                defaultValue = "[]") List<String> modalities,
        @Param(description = "dimension each modality is reduced to before its token projection", defaultValue = "64",
                min = 1) int inputDimension,
        @ParamGroup ProjectionParams reduction,
        @Param(description = "token width d_model", defaultValue = "32", min = 1) int modelDimension,
        @Param(description = "attention heads (modelDimension must be a multiple)", defaultValue = "4", min = 1)
        int heads,
        @Param(description = "encoder layers (1 or 2)", defaultValue = "1", min = 1, max = 2) int layers,
        @Param(description = "hidden width of the feed-forward network", defaultValue = "64", min = 1)
        int ffnDimension,
        @Param(description = "cls (learned [CLS] token) or mean (mean of the present modality tokens)",
                defaultValue = "cls") String pooling,
        @Param(description = "length of the fused vector", defaultValue = "64", min = 1) int dimension,
        @Param(description = "most training epochs", defaultValue = "20", min = 1) int epochs,
        @Param(description = "Adam step size", defaultValue = "0.006", min = 0) double learningRate,
        @Param(description = "decoupled weight decay on the matrices (AdamW)", defaultValue = "0.0001", min = 0)
        double weightDecay,
        @Param(description = "PyTorch intra-op threads while training (process-wide meanwhile; 0 = engine setting)",
                defaultValue = "1", min = 0) int engineThreads,
        @Param(description = "model file: loaded when its fingerprint matches, else trained and saved here "
                + "(empty = train every time)", defaultValue = "") String modelFile,
        @ParamGroup FusionTraining training) {

    /** @throws IllegalArgumentException naming the parameter that is out of range */
    public TransformerConfig {
        modalities = modalities == null ? List.of() : List.copyOf(modalities);
        modelFile = modelFile == null ? "" : modelFile;
        reduction = reduction == null ? ProjectionParams.of("pca") : reduction;
        training = training == null ? FusionTraining.defaults() : training;
        pooling = ParamRules.choice("pooling", pooling, "cls", "mean");
        ParamRules.check(inputDimension >= 1, "inputDimension", "must be >= 1", inputDimension);
        ParamRules.check(modelDimension >= 1, "modelDimension", "must be >= 1", modelDimension);
        ParamRules.check(heads >= 1 && modelDimension % heads == 0, "heads",
                "must be >= 1 and divide modelDimension " + modelDimension, heads);
        ParamRules.check(layers >= 1 && layers <= 2, "layers", "must be 1 or 2", layers);
        ParamRules.check(ffnDimension >= 1, "ffnDimension", "must be >= 1", ffnDimension);
        ParamRules.check(dimension >= 1, "dimension", "must be >= 1", dimension);
        ParamRules.check(epochs >= 1, "epochs", "must be >= 1", epochs);
        ParamRules.check(learningRate > 0, "learningRate", "must be > 0", learningRate);
        ParamRules.check(weightDecay >= 0, "weightDecay", "must be >= 0", weightDecay);
        ParamRules.check(training.validationFraction() > 0, "validationFraction",
                "must be in (0, 0.5] (the transformer always validates)", training.validationFraction());
        ParamRules.check(engineThreads >= 0, "engineThreads", "must be >= 0", engineThreads);
    }

    /** The defaults with these sizes and epochs (tests). */
    static TransformerConfig of(int inputDimension, int modelDimension, int heads, int layers, String pooling,
                                int dimension, int epochs, String modelFile) {
        return new TransformerConfig(List.of(), inputDimension, ProjectionParams.of("pca"), modelDimension, heads,
                layers, 2 * modelDimension, pooling, dimension, epochs, 0.006, 1e-4, 1, modelFile,
                FusionTraining.defaults());
    }
}
