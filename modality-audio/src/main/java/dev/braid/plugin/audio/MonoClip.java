package dev.braid.plugin.audio;

/**
 * Decoded mono audio.
 *
 * @param samples    samples in [-1, 1]
 * @param sampleRate samples per second
 */
record MonoClip(float[] samples, float sampleRate) {
}
