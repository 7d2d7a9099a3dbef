package dev.braid.plugin.image;

import dev.braid.api.component.Param;

/**
 * Configuration of the {@code image-aligned} encoder. {@code model}, {@code size} and {@code dimension} matter for
 * encoding; the architecture and training parameters are read by {@code braid train-encoder} and recorded in the
 * model file, which is what encoding then follows.
 *
 * @param model              the model file written by {@code braid train-encoder} (resolved against the
 *                           configuration's folder); required to encode
 * @param size               side of the square RGB input, in pixels (the whole image stretched to it)
 * @param dimension          expected output dimension (the teacher's); 0 accepts the model's
 * @param handcrafted        also feed the {@code image-handcrafted} descriptor (colour, texture, layout) to the
 *                           output layer beside the CNN features
 * @param width              channels of the first convolution block (doubled by each of the 4 blocks, capped)
 * @param batchSize          images per forward pass when encoding
 * @param threads            threads decoding images when encoding and training (0: one per core)
 * @param epochs             training: most epochs
 * @param patience           training: epochs without a better validation cosine before stopping
 * @param learningRate       training: Adam learning rate
 * @param weightDecay        training: Adam weight decay
 * @param trainBatchSize     training: images per optimisation step
 * @param validationFraction training: share of items held out for validation (early stopping)
 * @param augment            training: random horizontal flips
 * @param seed               training: seed of the split, the shuffling, the flips and the initial weights
 */
public record ImageAlignedConfig(
        @Param(description = "model file written by `braid train-encoder` (required to encode)", defaultValue = "")
        String model,
        @Param(description = "side of the square RGB input in pixels", defaultValue = "64", min = 16, max = 512)
        int size,
        @Param(description = "expected output dimension, the teacher's (0: the model's)", defaultValue = "0",
                min = 0) int dimension,
        @Param(description = "also feed the image-handcrafted descriptor to the output layer", defaultValue = "true")
        boolean handcrafted,
        @Param(description = "channels of the first conv block (x2 per block, 4 blocks)", defaultValue = "16",
                min = 4, max = 256) int width,
        @Param(description = "images per forward pass when encoding", defaultValue = "64", min = 1, max = 4096)
        int batchSize,
        @Param(description = "image decoding threads (0: one per core)", defaultValue = "0", min = 0, max = 1024)
        int threads,
        @Param(description = "training: most epochs", defaultValue = "40", min = 1, max = 10000) int epochs,
        @Param(description = "training: epochs without improvement before stopping", defaultValue = "6", min = 1,
                max = 10000) int patience,
        @Param(description = "training: Adam learning rate", defaultValue = "0.002", min = 0) double learningRate,
        @Param(description = "training: Adam weight decay", defaultValue = "0.0001", min = 0) double weightDecay,
        @Param(description = "training: images per step", defaultValue = "32", min = 2, max = 4096)
        int trainBatchSize,
        @Param(description = "training: validation share", defaultValue = "0.15", min = 0.01, max = 0.9)
        double validationFraction,
        @Param(description = "training: random horizontal flips", defaultValue = "true") boolean augment,
        @Param(description = "training: seed (split, shuffling, flips, initial weights)", defaultValue = "42")
        long seed) {

    /** The documented defaults with a model path. */
    public static ImageAlignedConfig defaults(String model) {
        return new ImageAlignedConfig(model, 64, 0, true, 16, 64, 0, 40, 6, 0.002, 0.0001, 32, 0.15, true, 42);
    }
}
