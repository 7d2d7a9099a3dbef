package dev.braid.plugin.image;

import dev.braid.api.encoder.ModalityEncoder;
import java.util.List;

/** {@code onnx-image} on the committed tiny model keeps the encoder contract. */
class OnnxImageContractTest extends ImageEncoderContract {
    @Override
    protected ModalityEncoder newEncoder() {
        OnnxImageConfig config = new OnnxImageConfig("tiny-image.onnx", "", "embedding", 8, 8, "stretch", "NCHW",
                255, List.of(0.5, 0.4, 0.3), List.of(0.2, 0.25, 0.5), true, 4, 10_000, 1);
        return new OnnxImageEncoder(config, resources, OnnxTestSupport.environment());
    }
}
