package dev.braid.plugin.text;

import dev.braid.api.data.Item;
import dev.braid.api.encoder.ModalityEncoder;
import dev.braid.testkit.EncoderContract;
import dev.braid.testkit.Planted;
import java.util.List;

/** {@code attributes} with its defaults (every attribute, multi-hot) keeps the encoder contract. */
class AttributesContractTest extends EncoderContract {
    @Override
    protected ModalityEncoder newEncoder() {
        return new AttributesEncoder(AttributesConfig.defaults());
    }

    @Override
    protected List<Item> catalog() {
        return Planted.textItems(60, SEED);
    }
}
