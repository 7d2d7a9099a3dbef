package dev.braid.plugin.image;

import dev.braid.api.encoder.ModalityEncoder;

/** {@code color-histogram} with its defaults keeps the encoder contract. */
class ColorHistogramContractTest extends ImageEncoderContract {
    @Override
    protected ModalityEncoder newEncoder() {
        return new ColorHistogramEncoder(ColorHistogramConfig.defaults());
    }
}
