package com.example.braid;

import dev.braid.api.data.Item;
import dev.braid.api.encoder.ModalityEncoder;
import dev.braid.testkit.EncoderContract;
import java.util.Optional;

/** The Braid test kit's encoder contract, run on {@code word-shape}: one small subclass per component. */
class WordShapeEncoderContractTest extends EncoderContract {
    @Override
    protected ModalityEncoder newEncoder() {
        return new WordShapeEncoder(new WordShapeConfig(64, true));
    }

    @Override
    protected Optional<Item> brokenItem() {
        return Optional.of(Item.ofText("blank", " "));
    }
}
