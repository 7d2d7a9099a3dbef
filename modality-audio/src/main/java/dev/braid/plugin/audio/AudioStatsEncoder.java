package dev.braid.plugin.audio;

import static dev.braid.plugin.audio.ClipEncoder.check;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.data.Modality;
import dev.braid.platform.media.AudioDecoder;
import dev.braid.platform.media.DecodedAudio;
import dev.braid.platform.media.Resampler;

/**
 * Spectral summary statistics of an audio clip.
 *
 * <p><b>Pipeline.</b> Decode ({@link AudioDecoder}: WAV/AIFF/AU, PCM 8/16/24/32-bit or float, channels averaged to
 * mono, at most {@code maxSeconds}), resample to {@code sampleRate} (windowed sinc), cut into frames of
 * {@code frameSize} samples every {@code hopSize} (a clip shorter than one frame is zero-padded on both sides to one
 * centred frame; its RMS is then the frame's, i.e. diluted by the padding),
 * periodic Hann window, real FFT (JTransforms).
 *
 * <p><b>Vector</b> ({@code 12 + bands} floats; nothing is standardised here, fusion does that):
 * <ul>
 *   <li>[0, 1] mean, std of frame RMS in dBFS (floored at -100 dB), over all frames;</li>
 *   <li>[2, 3] zero-crossing rate (crossings per sample);</li>
 *   <li>[4, 5] {@code ln(1 + spectral centroid in Hz)} (power-weighted, so it sits on the dominant partials);</li>
 *   <li>[6, 7] {@code ln(1 + bandwidth in Hz)} (power-weighted spread around the centroid);</li>
 *   <li>[8, 9] {@code ln(1 + roll-off in Hz)}, the frequency below which 85% of the power lies;</li>
 *   <li>[10, 11] spectral flatness (geometric / arithmetic mean of the power spectrum, 0 = tonal, 1 = white);</li>
 *   <li>[12 ..] per band (overlapping triangles, centres log-spaced between {@code minFrequency} and Nyquist),
 *       the mean over frames of {@code log10(max(share, 0.001))}, where share is the band's part of the frame's
 *       in-range energy: 0 for a band holding everything, -3 for a band 30 dB down or empty. Loudness-independent: it shows
 *       pitch and timbre, and ignores detail 30 dB below the strongest partials.</li>
 * </ul>
 * Statistics [2..11] and the bands use the non-silent frames only (RMS above -80 dBFS), so pauses do not drag
 * the spectrum towards zero.
 *
 * <p><b>Silent clips</b> (every frame below -80 dBFS) give a defined vector: the RMS statistics as measured
 * (-100, 0 for digital silence), zeros for [2..11], and -3 (empty) for every band. An empty clip (no samples)
 * is an {@code INVALID} failure; an unreadable, unsupported or corrupt file fails with the file and the reason.
 * Thread-safe; batches run in parallel, results in order.
 */
@BraidComponent(name = "audio-stats", config = AudioStatsConfig.class, modality = Modality.AUDIO,
        description = "frame-wise RMS, ZCR, spectral centroid/bandwidth/roll-off/flatness (mean, std) and "
                + "log-spaced band energy profile")
public final class AudioStatsEncoder extends ClipEncoder {
    static final int RMS_DB = 0;
    static final int ZCR = 2;
    static final int LOG_CENTROID = 4;
    static final int LOG_BANDWIDTH = 6;
    static final int LOG_ROLLOFF = 8;
    static final int FLATNESS = 10;
    static final int BANDS = SpectralStats.SCALARS;


    private final int sampleRate;
    private final SpectralStats stats;

    /** @throws IllegalArgumentException when frame, hop or band settings do not fit together */
    public AudioStatsEncoder(AudioStatsConfig config) {
        super("audio-stats", checked(config).maxSeconds());
        this.sampleRate = config.sampleRate();
        this.stats = new SpectralStats(config.sampleRate(), config.frameSize(), config.hopSize(), config.bands(),
                config.minFrequency());
    }

    private static AudioStatsConfig checked(AudioStatsConfig config) {
        ClipEncoder.checkFrames(config.sampleRate(), config.frameSize(), config.hopSize(), config.maxSeconds());
        check(config.bands() >= 1, "bands must be >= 1, got " + config.bands());
        check(config.minFrequency() > 0 && config.minFrequency() < config.sampleRate() / 2.0,
                "minFrequency must be > 0 and below sampleRate / 2 (" + config.sampleRate() / 2.0 + " Hz), got "
                        + config.minFrequency());
        return config;
    }

    @Override
    float[] features(DecodedAudio clip) {
        return stats.analyse(Resampler.resample(clip.samples(), clip.sampleRate(), sampleRate));
    }

    @Override
    public int dimension() {
        return stats.dimension();
    }

    @Override
    public String fingerprint() {
        return "audio-stats-v1";
    }
}
