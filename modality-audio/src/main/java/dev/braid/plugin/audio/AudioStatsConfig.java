package dev.braid.plugin.audio;

import dev.braid.api.component.Param;

/**
 * Configuration of the {@code audio-stats} encoder.
 *
 * @param sampleRate   rate (Hz) every clip is resampled to before analysis
 * @param frameSize    analysis frame length in samples (even; a power of two is fastest)
 * @param hopSize      step between frames in samples ({@code <= frameSize})
 * @param bands        log-spaced frequency bands of the band-energy profile
 * @param minFrequency lower edge (Hz) of the lowest band; the highest band ends at {@code sampleRate / 2}
 * @param maxSeconds   only the first {@code maxSeconds} of a clip are analysed (bounds time and memory)
 */
public record AudioStatsConfig(
        @Param(description = "analysis sample rate in Hz (clips are resampled to it)", defaultValue = "16000",
                min = 4000, max = 192000) int sampleRate,
        @Param(description = "frame length in samples (even)", defaultValue = "1024", min = 64, max = 65536)
        int frameSize,
        @Param(description = "hop between frames in samples", defaultValue = "512", min = 1, max = 65536) int hopSize,
        @Param(description = "number of log-spaced band energies", defaultValue = "24", min = 1, max = 256) int bands,
        @Param(description = "lower edge of the lowest band, Hz", defaultValue = "50", min = 1) double minFrequency,
        @Param(description = "analyse at most this many seconds from the start of each clip", defaultValue = "600",
                min = 0.01) double maxSeconds) {

    /** The documented defaults. */
    public static AudioStatsConfig defaults() {
        return new AudioStatsConfig(16000, 1024, 512, 24, 50, 600);
    }
}
