package dev.braid.plugin.audio;

import dev.braid.api.data.Item;
import dev.braid.api.encoder.ModalityEncoder;
import dev.braid.testkit.EncoderContract;
import java.util.List;
import java.util.Optional;

/** {@code audio-stats} with its defaults keeps the encoder contract. */
class AudioStatsContractTest extends EncoderContract {
    @Override
    protected ModalityEncoder newEncoder() {
        return new AudioStatsEncoder(AudioStatsConfig.defaults());
    }

    @Override
    protected List<Item> catalog() {
        return AudioCatalog.items();
    }

    @Override
    protected Optional<Item> brokenItem() {
        return AudioCatalog.broken();
    }
}
