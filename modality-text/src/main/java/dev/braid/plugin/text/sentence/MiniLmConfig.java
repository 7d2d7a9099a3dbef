package dev.braid.plugin.text.sentence;

import dev.braid.api.component.Param;

/**
 * Configuration of the {@code minilm} sentence encoder.
 *
 * @param quantized use the quantised all-MiniLM-L6-v2 (int8, 23 MB; faster, slightly different vectors)
 * @param modelDir  a folder with any sentence-transformers ONNX export ({@code model.onnx}) and its
 *                  {@code tokenizer.json}, used instead of the bundled MiniLM; empty for MiniLM
 * @param batchSize texts per model call (texts are grouped by length and padded per batch)
 * @param maxLength tokens per text, special tokens included; longer texts are truncated
 * @param threads   ONNX Runtime intra-op threads per model call; 0: cores divided by the parallel calls
 * @param parallelCalls batches run at once; 0: cores divided by {@code threads} (so by default one single-threaded
 *                  call per core, which is fastest on a few cores)
 */
public record MiniLmConfig(
        @Param(description = "use the quantised (int8) all-MiniLM-L6-v2", defaultValue = "false") boolean quantized,
        @Param(description = "folder with model.onnx + tokenizer.json of another sentence-transformers model "
                + "(empty: all-MiniLM-L6-v2 from the class path)", defaultValue = "") String modelDir,
        @Param(description = "texts per model call", defaultValue = "32", min = 1, max = 4096) int batchSize,
        @Param(description = "tokens per text, longer texts are truncated", defaultValue = "256", min = 8,
                max = 8192) int maxLength,
        @Param(description = "ONNX Runtime intra-op threads per model call (0: cores / parallelCalls)",
                defaultValue = "0", min = 0, max = 1024) int threads,
        @Param(description = "batches run at once (0: cores / threads)", defaultValue = "0", min = 0,
                max = 1024) int parallelCalls) {

    /** The documented defaults. */
    public static MiniLmConfig defaults() {
        return new MiniLmConfig(false, "", 32, 256, 0, 0);
    }
}
