package dev.braid.plugin.audio;

import dev.braid.api.component.Param;

/**
 * Configuration of the {@code onnx-audio} encoder.
 *
 * @param model      the {@code .onnx} file; its input is a log-mel spectrogram {@code [batch, mels, frames]} or
 *                   {@code [batch, 1, mels, frames]}
 * @param inputName  the model input to feed; empty for its only input
 * @param outputName the model output to read; empty for its first output
 * @param sampleRate audio is mixed to mono and resampled to this rate
 * @param nFft       FFT window length in samples (Hann window)
 * @param hop        hop between frames in samples
 * @param mels       number of mel bands (HTK mel scale, 0 Hz to Nyquist)
 * @param frames     frames per clip: clips are cut or zero-padded to this length; 0 uses the model's fixed length,
 *                   or every clip's own length when the model accepts any
 * @param normalize  L2-normalise the output vectors
 * @param maxSeconds longer clips are cut to their first {@code maxSeconds}
 * @param threads    ONNX Runtime intra-op threads, 0 for one per core
 */
public record OnnxAudioConfig(
        @Param(description = "the .onnx model file (input: log-mel [batch, mels, frames])") String model,
        @Param(description = "model input to feed (empty: its only input)", defaultValue = "") String inputName,
        @Param(description = "model output to read (empty: its first output)", defaultValue = "") String outputName,
        @Param(description = "resample to this rate (Hz)", defaultValue = "16000", min = 1000, max = 192000)
        int sampleRate,
        @Param(description = "FFT window (samples)", defaultValue = "400", min = 16, max = 65536) int nFft,
        @Param(description = "hop between frames (samples)", defaultValue = "160", min = 1, max = 65536) int hop,
        @Param(description = "mel bands", defaultValue = "64", min = 1, max = 1024) int mels,
        @Param(description = "frames per clip (0: the model's, or each clip's own)", defaultValue = "0", min = 0,
                max = 1_000_000) int frames,
        @Param(description = "L2-normalise the vectors", defaultValue = "true") boolean normalize,
        @Param(description = "cut clips longer than this (seconds)", defaultValue = "600", min = 0.01)
        double maxSeconds,
        @Param(description = "ONNX Runtime intra-op threads (0: one per core)", defaultValue = "0", min = 0,
                max = 1024) int threads) {
}
