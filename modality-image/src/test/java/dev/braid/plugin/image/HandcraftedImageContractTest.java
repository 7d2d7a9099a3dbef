package dev.braid.plugin.image;

import dev.braid.api.encoder.ModalityEncoder;

/** {@code image-handcrafted} with its defaults keeps the encoder contract. */
class HandcraftedImageContractTest extends ImageEncoderContract {
    @Override
    protected ModalityEncoder newEncoder() {
        return new HandcraftedImageEncoder(HandcraftedImageConfig.defaults());
    }
}
