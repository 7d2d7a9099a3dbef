package dev.braid.plugin.audio;

import static dev.braid.plugin.audio.ClipEncoder.check;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.data.Modality;
import dev.braid.platform.media.AudioDecoder;
import dev.braid.platform.media.DecodedAudio;
import dev.braid.platform.media.Resampler;

/**
 * MFCC and spectral descriptors of an audio clip, summarised over frames.
 *
 * <p><b>Pipeline.</b> Decode ({@link AudioDecoder}: WAV/AIFF/AU PCM or float, MP3; channels averaged; at most
 * {@code maxSeconds}), resample to {@code sampleRate} ({@link Resampler}), optional silence trimming and loudness
 * normalisation ({@link ClipPreprocessor}), frame-wise features ({@link MfccAnalyzer}), deltas ({@link Deltas}),
 * tempo ({@link TempoEstimator}).
 *
 * <p><b>Vector</b> ({@code 6 C + 12 + 2 (B + 1) + 2} floats for {@code C} coefficients and {@code B} contrast
 * bands; 106 with the defaults), every pair being the mean and the population standard deviation over frames,
 * nothing standardised (fusion does that):
 * <ul>
 *   <li>{@code [0, C)} MFCC means, {@code [C, 2C)} MFCC stds, then the same for deltas and delta-deltas;</li>
 *   <li>{@code 6C + [0..11]}: centroid, bandwidth, roll-off (Hz), flatness, zero-crossing rate, RMS (dBFS): mean,
 *       std each;</li>
 *   <li>then {@code B + 1} contrast means (dB) followed by their {@code B + 1} stds;</li>
 *   <li>last two: tempo (BPM, 0 when none can be estimated) and pulse strength.</li>
 * </ul>
 *
 * <p><b>Edge cases.</b> A clip shorter than a frame (e.g. 10 ms) is zero-padded to one frame: one frame of
 * features, zero stds, zero deltas, no tempo. Digital silence is neither trimmed nor amplified: MFCCs of the
 * -100 dB floor, centroid 0, flatness 1, no tempo. A clip with no samples is an {@code INVALID} failure; an
 * unreadable, unsupported or corrupt file fails with the file and the reason; other items go on. Thread-safe;
 * batches run in parallel, results in order.
 */
@BraidComponent(name = "audio-mfcc", config = AudioMfccConfig.class, modality = Modality.AUDIO,
        description = "MFCC + deltas + delta-deltas, spectral centroid/bandwidth/roll-off/flatness/contrast, ZCR, "
                + "RMS (mean, std over frames) and onset-based tempo; optional silence trim and loudness normalisation")
public final class AudioMfccEncoder extends ClipEncoder {

    private final AudioMfccConfig config;
    private final MfccAnalyzer analyzer;
    private final ClipPreprocessor preprocessor;

    /** @throws IllegalArgumentException when frame, band or preprocessing settings do not fit together */
    public AudioMfccEncoder(AudioMfccConfig config) {
        super("audio-mfcc", checked(config).maxSeconds());
        double fMax = config.fMax() == 0 ? config.sampleRate() / 2.0 : config.fMax();
        this.config = config;
        this.analyzer = new MfccAnalyzer(config.sampleRate(), config.frameSize(), config.hopSize(),
                config.melBands(), config.coefficients(), config.fMin(), fMax, config.contrastBands(),
                config.contrastMinHz(), config.rolloff());
        this.preprocessor = new ClipPreprocessor(config.trimSilence(), config.trimDb(), config.normalizeLoudness(),
                config.targetDbfs(), config.maxGainDb(), config.frameSize(), config.hopSize());
    }

    private static AudioMfccConfig checked(AudioMfccConfig config) {
        double nyquist = config.sampleRate() / 2.0;
        double fMax = config.fMax() == 0 ? nyquist : config.fMax();
        ClipEncoder.checkFrames(config.sampleRate(), config.frameSize(), config.hopSize(), config.maxSeconds());
        check(config.melBands() >= 2, "melBands must be >= 2, got " + config.melBands());
        check(config.coefficients() >= 1 && config.coefficients() <= config.melBands(),
                "coefficients must be between 1 and melBands (" + config.melBands() + "), got "
                        + config.coefficients());
        check(config.fMin() >= 0 && fMax <= nyquist && config.fMin() < fMax, "need 0 <= fMin < fMax <= Nyquist ("
                + nyquist + " Hz), got fMin " + config.fMin() + ", fMax " + fMax);
        check(config.contrastBands() >= 1, "contrastBands must be >= 1, got " + config.contrastBands());
        check(config.contrastMinHz() * Math.pow(2, config.contrastBands() - 1) < nyquist,
                "contrast bands reach " + config.contrastMinHz() * Math.pow(2, config.contrastBands() - 1)
                        + " Hz, above Nyquist (" + nyquist + " Hz): lower contrastBands or contrastMinHz");
        check(config.rolloff() > 0 && config.rolloff() <= 1, "rolloff must be in (0, 1], got " + config.rolloff());
        check(config.trimDb() > 0, "trimDb must be > 0, got " + config.trimDb());
        check(config.maxGainDb() >= 0, "maxGainDb must be >= 0, got " + config.maxGainDb());
        return config;
    }

    @Override
    public int dimension() {
        return 6 * config.coefficients() + 12 + 2 * analyzer.contrastValues() + 2;
    }

    @Override
    public String fingerprint() {
        return "audio-mfcc-v1";
    }


    @Override
    float[] features(DecodedAudio clip) {
        float[] x = Resampler.resample(clip.samples(), clip.sampleRate(), config.sampleRate());
        return summarise(analyzer.analyse(preprocessor.apply(x)));
    }

    float[] summarise(FrameFeatures f) {
        int c = config.coefficients();
        float[] v = new float[dimension()];
        double[][] d1 = Deltas.of(f.mfcc());
        double[][] d2 = Deltas.of(d1);
        int o = 0;
        o = meanStd(f.mfcc(), v, o);
        o = meanStd(d1, v, o);
        o = meanStd(d2, v, o);
        for (double[] series : new double[][] {f.centroid(), f.bandwidth(), f.rolloff(), f.flatness(), f.zcr(),
                f.rmsDb()}) {
            Moments.of(series).write(v, o);
            o += 2;
        }
        o = meanStd(f.contrast(), v, o);
        double[] tempo = TempoEstimator.estimate(f.logMel(), analyzer.framesPerSecond());
        v[o++] = (float) tempo[0];
        v[o++] = (float) tempo[1];
        assert o == v.length && 6 * c + 12 + 2 * analyzer.contrastValues() + 2 == o;
        return v;
    }

    /** Means of every column of {@code m[frames][dims]} at {@code o}, then their stds; returns the next offset. */
    private static int meanStd(double[][] m, float[] v, int o) {
        int dims = m[0].length;
        for (int i = 0; i < dims; i++) {
            Moments column = new Moments();
            for (double[] frame : m) {
                column.add(frame[i]);
            }
            v[o + i] = (float) column.mean();
            v[o + dims + i] = (float) column.std();
        }
        return o + 2 * dims;
    }
}
