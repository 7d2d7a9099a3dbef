package dev.braid.plugin.image;

import dev.braid.api.data.Item;
import dev.braid.api.encoder.ModalityEncoder;
import dev.braid.testkit.EncoderContract;
import java.util.List;
import java.util.Optional;

/** {@code color-histogram} with its defaults keeps the encoder contract. */
class ColorHistogramContractTest extends EncoderContract {
    @Override
    protected ModalityEncoder newEncoder() {
        return new ColorHistogramEncoder(ColorHistogramConfig.defaults());
    }

    @Override
    protected List<Item> catalog() {
        return ImageCatalog.items();
    }

    @Override
    protected Optional<Item> brokenItem() {
        return ImageCatalog.broken();
    }
}
