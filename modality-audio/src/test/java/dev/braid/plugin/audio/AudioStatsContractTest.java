package dev.braid.plugin.audio;

import dev.braid.api.encoder.ModalityEncoder;

/** {@code audio-stats} with its defaults keeps the encoder contract. */
class AudioStatsContractTest extends AudioEncoderContract {
    @Override
    protected ModalityEncoder newEncoder() {
        return new AudioStatsEncoder(AudioStatsConfig.defaults());
    }
}
