package dev.braid.plugin.image;

import dev.braid.api.component.Param;
import java.util.List;

/**
 * Configuration of the {@code onnx-image} encoder.
 *
 * @param model      the {@code .onnx} file (relative paths resolve against the configuration's folder)
 * @param inputName  the model input to feed; empty for its only input
 * @param outputName the model output to read (e.g. a pooled feature layer); empty for its first output
 * @param width      input width in pixels
 * @param height     input height in pixels
 * @param resize     {@code stretch} (scale to width x height) or {@code center-crop} (scale the shorter side,
 *                   then crop the centre)
 * @param layout     {@code NCHW} or {@code NHWC}
 * @param scale      pixel values are divided by this before mean and std (255 gives 0..1)
 * @param mean       per-channel mean (R, G, B), subtracted after scaling
 * @param std        per-channel standard deviation (R, G, B), divided by after the mean
 * @param normalize  L2-normalise the output vectors
 * @param batchSize  images per model call (when the model's batch dimension is dynamic)
 * @param maxPixels  images whose header declares more pixels are rejected before decoding
 * @param threads    ONNX Runtime intra-op threads, 0 for one per core
 */
public record OnnxImageConfig(
        @Param(description = "the .onnx model file") String model,
        @Param(description = "model input to feed (empty: its only input)", defaultValue = "") String inputName,
        @Param(description = "model output to read (empty: its first output)", defaultValue = "") String outputName,
        @Param(description = "input width", defaultValue = "224", min = 1, max = 8192) int width,
        @Param(description = "input height", defaultValue = "224", min = 1, max = 8192) int height,
        @Param(description = "stretch or center-crop", defaultValue = "center-crop") String resize,
        @Param(description = "NCHW or NHWC", defaultValue = "NCHW") String layout,
        @Param(description = "divide pixel values by this first", defaultValue = "255", min = 1e-9) double scale,
        @Param(description = "per-channel mean (R, G, B)", defaultValue = "[0.485, 0.456, 0.406]") List<Double> mean,
        @Param(description = "per-channel std (R, G, B)", defaultValue = "[0.229, 0.224, 0.225]") List<Double> std,
        @Param(description = "L2-normalise the vectors", defaultValue = "true") boolean normalize,
        @Param(description = "images per model call", defaultValue = "16", min = 1, max = 4096) int batchSize,
        @Param(description = "reject images with more pixels than this", defaultValue = "50000000", min = 1)
        long maxPixels,
        @Param(description = "ONNX Runtime intra-op threads (0: one per core)", defaultValue = "0", min = 0,
                max = 1024) int threads) {
}
