package dev.braid.plugin.text;

import dev.braid.api.data.Item;
import dev.braid.api.encoder.ModalityEncoder;
import dev.braid.testkit.EncoderContract;
import java.util.Optional;

/** {@code tfidf} with its defaults keeps the encoder contract; text without a token cannot be encoded. */
class TfIdfContractTest extends EncoderContract {
    @Override
    protected ModalityEncoder newEncoder() {
        return new TfIdfEncoder(TfIdfConfig.defaults());
    }

    @Override
    protected Optional<Item> brokenItem() {
        return Optional.of(Item.ofText("blank", "  \n"));
    }
}
