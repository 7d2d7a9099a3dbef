package dev.braid.plugin.text;

import dev.braid.api.encoder.ModalityEncoder;
import dev.braid.testkit.EncoderContract;

/** {@code attributes} with its defaults (every attribute, multi-hot) keeps the encoder contract. */
class AttributesContractTest extends EncoderContract {
    @Override
    protected ModalityEncoder newEncoder() {
        return new AttributesEncoder(AttributesConfig.defaults());
    }
}
