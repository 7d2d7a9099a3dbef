package dev.braid.plugin.audio;

import dev.braid.api.encoder.ModalityEncoder;

/** {@code onnx-audio} on the committed tiny model keeps the encoder contract. */
class OnnxAudioContractTest extends AudioEncoderContract {
    @Override
    protected ModalityEncoder newEncoder() {
        OnnxAudioConfig config = new OnnxAudioConfig("tiny-audio.onnx", "", "", 16000, 400, 160, 16, 0, true, 600,
                1);
        return new OnnxAudioEncoder(config, resources, OnnxTestSupport.environment());
    }
}
