package dev.braid.plugin.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.braid.api.data.Item;
import dev.braid.api.data.ItemContent;
import dev.braid.api.data.Media;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.EncodingResult.Failure;
import dev.braid.api.encoder.EncodingResult.FailureKind;
import dev.braid.api.encoder.EncodingResult.Success;
import dev.braid.platform.media.AudioDecoder;
import dev.braid.platform.media.DecodedAudio;
import dev.braid.platform.media.Resampler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioMfccEncoderTest {
    private static final int C = 13;
    /** Offsets in the default vector (see AudioMfccEncoder's Javadoc). */
    private static final int CENTROID = 6 * C;
    private static final int ZCR = 6 * C + 8;
    private static final int RMS = 6 * C + 10;
    private static final int TEMPO = 104;

    @TempDir
    Path dir;

    private final AudioMfccEncoder encoder = new AudioMfccEncoder(AudioMfccConfig.defaults());
    private final AudioMfccEncoder raw = new AudioMfccEncoder(AudioMfccConfig.raw());

    private static Item item(String id, Media audio) {
        return new Item(id, "", Map.of(), new ItemContent(null, null, audio));
    }

    private static float[] encode(AudioMfccEncoder e, String name, byte[] data) {
        EncodingResult r = e.encode(List.of(item(name, Media.ofBytes(name, data)))).get(0);
        assertThat(r).as("%s", r).isInstanceOf(Success.class);
        float[] v = ((Success) r).vector();
        assertThat(v).hasSize(e.dimension());
        for (float f : v) {
            assertThat(Float.isFinite(f)).as("finite vector for %s: %s", name, Arrays.toString(v)).isTrue();
        }
        return v;
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = AudioMfccEncoderTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }

    /** Noise bursts every {@code 60 / bpm} seconds over a faint noise floor. */
    private static float[] clickTrack(double bpm, double seconds, int rate, long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[(int) (seconds * rate)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.002 * rnd.nextGaussian());
        }
        int burst = (int) (0.03 * rate);
        for (double beat = 0.1; beat < seconds; beat += 60 / bpm) {
            int at = (int) (beat * rate);
            for (int i = 0; i < burst && at + i < x.length; i++) {
                x[at + i] += (float) (0.6 * rnd.nextGaussian() * Math.exp(-i / (0.006 * rate)));
            }
        }
        return x;
    }

    @Test
    void dimensionFollowsTheLayout() {
        assertThat(encoder.dimension()).isEqualTo(6 * 13 + 12 + 2 * 7 + 2).isEqualTo(106);
    }

    @Test
    void decodesMp3StereoAndMonoAndTheToneShowsInTheCentroid() throws Exception {
        DecodedAudio stereo = new AudioDecoder(600).decode(Media.ofBytes("s.mp3", resource("/mp3/tone-stereo-44k.mp3")));
        assertThat(stereo.sampleRate()).isEqualTo(44100f);
        // 1 s of audio plus the encoder's delay and padding (at most a few frames of 1152).
        assertThat(stereo.samples().length).isBetween(44100, 44100 + 4 * 1152);
        DecodedAudio mono = new AudioDecoder(600).decode(Media.ofBytes("m.mp3", resource("/mp3/tone-mono-16k.mp3")));
        assertThat(mono.sampleRate()).isEqualTo(16000f);
        assertThat(mono.samples().length).isBetween(16000, 16000 + 4 * 576);
        // Mono mixdown of 440 + 880 Hz at 0.4 each: RMS of the mix is 0.2; the 1 kHz tone at 0.5 has RMS 0.354.
        float[] s = encode(raw, "s.mp3", resource("/mp3/tone-stereo-44k.mp3"));
        float[] m = encode(raw, "m.mp3", resource("/mp3/tone-mono-16k.mp3"));
        assertThat(s[CENTROID]).isBetween(550f, 800f);
        assertThat(m[CENTROID]).isBetween(900f, 1150f);
        // MP3 and the WAV of the same tone: same loudness (RMS dB) and the same spectral centroid.
        float[] wav = encode(raw, "m.wav", TestAudio.wav16(16000, TestAudio.sine(16000, 1, 1000, 0.5)));
        assertThat(m[RMS]).isCloseTo(wav[RMS], within(1f));
        assertThat(m[CENTROID]).isCloseTo(wav[CENTROID], within(30f));
    }

    @Test
    void mp3FileOnDiskAndTruncatedOrCorruptMp3() throws IOException {
        byte[] mp3 = resource("/mp3/tone-mono-16k.mp3");
        Path file = TestAudio.write(dir.resolve("tone.mp3"), mp3);
        Path truncated = TestAudio.write(dir.resolve("cut.mp3"), Arrays.copyOf(mp3, mp3.length / 2));
        byte[] garbage = new byte[4000];
        new Random(3).nextBytes(garbage);
        garbage[0] = (byte) 0xff;
        garbage[1] = (byte) 0xfb;
        garbage[2] = (byte) 0x90;
        Path corrupt = TestAudio.write(dir.resolve("bad.mp3"), garbage);
        List<EncodingResult> r = encoder.encode(List.of(item("a", Media.ofFile(file)),
                item("b", Media.ofFile(truncated)), item("c", Media.ofFile(corrupt)),
                item("d", Media.ofFile(dir.resolve("missing.mp3")))));
        assertThat(r.get(0)).isInstanceOf(Success.class);
        // Half a file decodes to about half a second.
        assertThat(r.get(1)).isInstanceOf(Success.class);
        // Random bytes after a valid-looking header: either nothing decodes (typed failure) or noise does.
        if (r.get(2) instanceof Failure f) {
            assertThat(f.kind()).isEqualTo(FailureKind.INVALID);
            assertThat(f.message()).contains("bad.mp3");
        }
        assertThat(r.get(3)).isInstanceOfSatisfying(Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.UNREADABLE);
            assertThat(f.message()).contains("missing.mp3");
        });
    }

    @Test
    void tempoOfClickTracks() {
        for (double bpm : new double[] {90, 120, 150}) {
            float[] v = encode(encoder, bpm + ".wav", TestAudio.wav16(22050, clickTrack(bpm, 6, 22050, 1)));
            assertThat((double) v[TEMPO]).as("tempo of a %s BPM click track", bpm).isCloseTo(bpm, within(bpm * 0.03));
            assertThat(v[TEMPO + 1]).as("pulse strength").isGreaterThan(0.3f);
        }
        // Steady noise has no clear pulse.
        Random rnd = new Random(5);
        float[] noise = TestAudio.signal(22050, 6, t -> 0.3 * rnd.nextGaussian());
        float[] n = encode(encoder, "noise.wav", TestAudio.wav16(22050, noise));
        assertThat(n[TEMPO + 1]).isLessThan(0.3f);
    }

    @Test
    void loudnessNormalisationMakesQuietAndLoudCopiesAlike() {
        float[] loud = TestAudio.signal(22050, 1, t -> 0.5 * Math.sin(2 * Math.PI * 300 * t)
                + 0.2 * Math.sin(2 * Math.PI * 1700 * t));
        float[] quiet = new float[loud.length];
        for (int i = 0; i < loud.length; i++) {
            quiet[i] = loud[i] * 0.01f;
        }
        float[] a = encode(encoder, "loud.wav", TestAudio.wav(22050, 32, true, loud));
        float[] b = encode(encoder, "quiet.wav", TestAudio.wav(22050, 32, true, quiet));
        assertThat(a[RMS]).isCloseTo(-20f + 0f, within(0.5f)).isCloseTo(b[RMS], within(0.01f));
        assertThat(a[0]).isCloseTo(b[0], within(0.01f));
        // Without normalisation the 40 dB difference shows in c0 and RMS.
        float[] ra = encode(raw, "loud.wav", TestAudio.wav(22050, 32, true, loud));
        float[] rb = encode(raw, "quiet.wav", TestAudio.wav(22050, 32, true, quiet));
        assertThat(ra[RMS] - rb[RMS]).isCloseTo(40f, within(0.1f));
    }

    @Test
    void silenceTrimmingIgnoresLeadingAndTrailingSilence() {
        float[] tone = TestAudio.sine(22050, 1, 500, 0.3);
        float[] padded = new float[tone.length + 2 * 22050];
        System.arraycopy(tone, 0, padded, 22050, tone.length);
        float[] a = encode(encoder, "tone.wav", TestAudio.wav(22050, 32, true, tone));
        float[] b = encode(encoder, "padded.wav", TestAudio.wav(22050, 32, true, padded));
        // Trimmed to the tone (plus at most a frame of edge): RMS mean and centroid close to the bare tone's.
        assertThat(b[RMS]).isCloseTo(a[RMS], within(1.5f));
        assertThat(b[CENTROID]).isCloseTo(a[CENTROID], within(a[CENTROID] * 0.1f));
        // Untrimmed, the silent frames (centroid 0, -100 dB) drag both down.
        float[] untrimmed = encode(raw, "padded.wav", TestAudio.wav(22050, 32, true, padded));
        assertThat(untrimmed[RMS]).isLessThan(-60f);
        assertThat(untrimmed[CENTROID]).isLessThan(a[CENTROID] * 0.5f);
        ClipPreprocessor trim = new ClipPreprocessor(true, 60, false, -20, 40, 2048, 512);
        assertThat(trim.trim(padded).length).isBetween(tone.length, tone.length + 2 * 2048);
    }

    @Test
    void silenceAndTenMillisecondsAreDeliberate() {
        float[] silent = encode(encoder, "silence.wav", TestAudio.wav16(22050, new float[22050]));
        assertThat(silent[RMS]).isEqualTo(-100f);
        assertThat(silent[CENTROID]).isZero();
        assertThat(silent[TEMPO]).isZero();
        assertThat(silent[C]).as("std of c0 over identical frames").isCloseTo(0f, within(1e-6f));
        float[] tenMs = encode(encoder, "10ms.wav", TestAudio.wav16(22050, TestAudio.sine(22050, 0.01, 1000, 0.5)));
        assertThat(tenMs[TEMPO]).isZero();
        assertThat(tenMs[C]).as("one frame: no spread").isZero();
        assertThat(tenMs[2 * C]).as("one frame: zero delta").isZero();
        assertThat(tenMs[ZCR]).isGreaterThan(0f);
        // A single sample at 8 kHz, resampled.
        float[] one = encode(encoder, "one.wav", TestAudio.wav16(8000, new float[] {0.5f}));
        assertThat(one).hasSize(106);
        EncodingResult empty = encoder.encode(List.of(item("e", Media.ofBytes("empty.wav",
                TestAudio.wav16(22050, new float[0]))))).get(0);
        assertThat(empty).isInstanceOfSatisfying(Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.INVALID);
            assertThat(f.message()).contains("empty.wav");
        });
    }

    @Test
    void oneCorruptItemDoesNotSinkTheBatch() {
        byte[] good = TestAudio.wav16(22050, TestAudio.sine(22050, 0.5, 440, 0.5));
        byte[] notAudio = "just some text, not a sound".getBytes();
        List<EncodingResult> r = encoder.encode(List.of(item("a", Media.ofBytes("a.wav", good)),
                item("b", Media.ofBytes("notes.txt", notAudio)), item("c", null),
                item("d", Media.ofBytes("d.wav", Arrays.copyOf(good, 30)))));
        assertThat(r).extracting(EncodingResult::itemId).containsExactly("a", "b", "c", "d");
        assertThat(r.get(0)).isInstanceOf(Success.class);
        assertThat(r.get(1)).isInstanceOfSatisfying(Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.UNSUPPORTED);
            assertThat(f.message()).contains("notes.txt");
        });
        assertThat(r.get(2)).isInstanceOfSatisfying(Failure.class,
                f -> assertThat(f.kind()).isEqualTo(FailureKind.MISSING));
        assertThat(r.get(3)).isInstanceOfSatisfying(Failure.class, f -> assertThat(f.message()).contains("d.wav"));
    }

    @Test
    void resamplingKeepsFeaturesCloseAcrossInputRates() {
        // A tone over a noise floor (a pure tone would leave mel bands at the -100 dB floor, where the tiniest
        // resampling residue moves the log by tens of dB), and the same clip upsampled to 48 kHz: the encoder
        // resamples it back to 22.05 kHz.
        Random rnd = new Random(1);
        float[] x = TestAudio.signal(22050, 1, t -> 0.4 * Math.sin(2 * Math.PI * 660 * t) + 0.001 * rnd.nextGaussian());
        float[] at22 = encode(encoder, "a.wav", TestAudio.wav(22050, 32, true, x));
        float[] at48 = encode(encoder, "b.wav", TestAudio.wav(48000, 32, true, Resampler.resample(x, 22050, 48000)));
        assertThat(at48[CENTROID]).isCloseTo(at22[CENTROID], within(at22[CENTROID] * 0.05f));
        for (int i = 0; i < C; i++) {
            assertThat(at48[i]).as("mfcc %d", i).isCloseTo(at22[i], within(1.5f));
        }
    }

    @Test
    void rejectsSettingsThatDoNotFit() {
        AudioMfccConfig d = AudioMfccConfig.defaults();
        assertThatThrownBy(() -> new AudioMfccEncoder(new AudioMfccConfig(d.sampleRate(), d.frameSize(), 4096,
                d.melBands(), d.coefficients(), 0, 0, 6, 200, 0.85, true, 60, true, -20, 40, 600)))
                .hasMessageContaining("hopSize");
        assertThatThrownBy(() -> new AudioMfccEncoder(new AudioMfccConfig(8000, 2048, 512, 40, 13, 0, 0, 6, 200,
                0.85, true, 60, true, -20, 40, 600))).hasMessageContaining("Nyquist");
        assertThatThrownBy(() -> new AudioMfccEncoder(new AudioMfccConfig(22050, 64, 32, 128, 13, 0, 0, 2, 200,
                0.85, true, 60, true, -20, 40, 600))).hasMessageContaining("mel bands cover no FFT bin");
        assertThatThrownBy(() -> new AudioMfccEncoder(new AudioMfccConfig(22050, 2048, 512, 10, 13, 0, 0, 6, 200,
                0.85, true, 60, true, -20, 40, 600))).hasMessageContaining("coefficients");
    }
}
