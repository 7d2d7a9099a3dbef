package dev.braid.platform.media;

/**
 * Decoded mono audio.
 *
 * @param samples    samples in [-1, 1]
 * @param sampleRate samples per second
 */
public record DecodedAudio(float[] samples, float sampleRate) {

    /** Duration in seconds. */
    public double seconds() {
        return samples.length / (double) sampleRate;
    }
}
