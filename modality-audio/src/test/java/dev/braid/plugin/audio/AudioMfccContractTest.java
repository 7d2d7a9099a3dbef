package dev.braid.plugin.audio;

import dev.braid.api.encoder.ModalityEncoder;

/** {@code audio-mfcc} with its defaults keeps the encoder contract. */
class AudioMfccContractTest extends AudioEncoderContract {
    @Override
    protected ModalityEncoder newEncoder() {
        return new AudioMfccEncoder(AudioMfccConfig.defaults());
    }
}
