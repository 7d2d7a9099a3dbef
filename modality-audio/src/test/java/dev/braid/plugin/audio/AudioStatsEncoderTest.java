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
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioStatsEncoderTest {
    @TempDir
    Path dir;

    private final AudioStatsEncoder encoder = new AudioStatsEncoder(AudioStatsConfig.defaults());

    private static Item item(String id, Media audio) {
        return new Item(id, "", Map.of(), new ItemContent(null, null, audio));
    }

    private float[] encode(String name, byte[] wav) {
        EncodingResult r = encoder.encode(List.of(item(name, Media.ofBytes(name, wav)))).get(0);
        assertThat(r).as("%s", r).isInstanceOf(Success.class);
        return ((Success) r).vector();
    }

    private static double centroidHz(float[] v) {
        return Math.expm1(v[AudioStatsEncoder.LOG_CENTROID]);
    }

    /** The band (0-based) whose log-spaced range from 50 Hz to 8 kHz (24 bands) holds {@code hz}. */
    private static int bandOf(double hz) {
        return (int) Math.floor(24 * Math.log(hz / 50) / Math.log(8000.0 / 50));
    }

    private static int loudestBand(float[] v) {
        int best = 0;
        for (int b = 1; b < v.length - AudioStatsEncoder.BANDS; b++) {
            if (v[AudioStatsEncoder.BANDS + b] > v[AudioStatsEncoder.BANDS + best]) {
                best = b;
            }
        }
        return best;
    }

    @Test
    void toneCentroidAndLoudestBandFollowThePitch() {
        float[] a440 = encode("a440.wav", TestAudio.wav16(16000, TestAudio.sine(16000, 1, 440, 0.5)));
        float[] b2k = encode("b2k.wav", TestAudio.wav16(16000, TestAudio.sine(16000, 1, 2000, 0.5)));
        assertThat(a440).hasSize(12 + 24);
        assertThat(centroidHz(a440)).isCloseTo(440, within(25.0));
        assertThat(centroidHz(b2k)).isCloseTo(2000, within(60.0));
        assertThat(loudestBand(a440)).isEqualTo(bandOf(440));
        assertThat(loudestBand(b2k)).isEqualTo(bandOf(2000));
        // A steady tone: RMS of a 0.5 sine = 0.354 = -9.03 dBFS, with no spread between frames.
        assertThat(a440[AudioStatsEncoder.RMS_DB]).isCloseTo(-9.03f, within(0.1f));
        assertThat(a440[AudioStatsEncoder.RMS_DB + 1]).isCloseTo(0f, within(0.05f));
        // Zero-crossing rate of a sine: 2 * f / rate per sample.
        assertThat(a440[AudioStatsEncoder.ZCR]).isCloseTo(2 * 440 / 16000f, within(0.003f));
    }

    @Test
    void everySampleFormatChannelLayoutAndRateGivesTheSameTone() {
        float[] reference = encode("ref.wav", TestAudio.wav16(16000, TestAudio.sine(16000, 1, 1000, 0.5)));
        float[] at441 = TestAudio.sine(44100, 1, 1000, 0.5);
        float[] at8k = TestAudio.sine(8000, 1, 1000, 0.5);
        List<byte[]> variants = List.of(
                TestAudio.wav(16000, 8, false, TestAudio.sine(16000, 1, 1000, 0.5)),
                TestAudio.wav(16000, 24, false, TestAudio.sine(16000, 1, 1000, 0.5)),
                TestAudio.wav(16000, 32, false, TestAudio.sine(16000, 1, 1000, 0.5)),
                TestAudio.wav(16000, 32, true, TestAudio.sine(16000, 1, 1000, 0.5)),
                TestAudio.wav(44100, 16, false, at441, at441),
                TestAudio.wav(8000, 16, false, at8k));
        for (int i = 0; i < variants.size(); i++) {
            float[] v = encode("v" + i + ".wav", variants.get(i));
            assertThat(centroidHz(v)).as("variant %d", i).isCloseTo(1000, within(40.0));
            assertThat(loudestBand(v)).as("variant %d", i).isEqualTo(loudestBand(reference));
            assertThat(v[AudioStatsEncoder.RMS_DB]).as("variant %d", i)
                    .isCloseTo(reference[AudioStatsEncoder.RMS_DB], within(0.3f));
        }
    }

    @Test
    void stereoIsMixedDownToMono() {
        float[] tone = TestAudio.sine(16000, 0.5, 440, 0.5);
        float[] silence = new float[tone.length];
        float[] inverted = new float[tone.length];
        for (int i = 0; i < tone.length; i++) {
            inverted[i] = -tone[i];
        }
        float[] half = encode("half.wav", TestAudio.wav(16000, 16, false, tone, silence));
        assertThat(centroidHz(half)).isCloseTo(440, within(25.0));
        // Half the amplitude: 6 dB quieter than the 0.5 tone (-9.03 dBFS).
        assertThat(half[AudioStatsEncoder.RMS_DB]).isCloseTo(-15.05f, within(0.1f));
        float[] cancelled = encode("cancel.wav", TestAudio.wav(16000, 16, false, tone, inverted));
        assertThat(cancelled[AudioStatsEncoder.RMS_DB]).isEqualTo(-100f);
    }

    @Test
    void silenceGivesTheDocumentedVector() {
        float[] v = encode("silence.wav", TestAudio.wav16(16000, new float[16000]));
        float[] expected = new float[12 + 24];
        expected[AudioStatsEncoder.RMS_DB] = -100f;
        Arrays.fill(expected, AudioStatsEncoder.BANDS, expected.length, -3f);
        assertThat(v).containsExactly(expected);
    }

    @Test
    void clipsShorterThanAFrameAreZeroPadded() {
        // 10 ms = 160 samples of a 1 kHz tone, one zero-padded frame; and a single sample.
        float[] v = encode("short.wav", TestAudio.wav16(16000, TestAudio.sine(16000, 0.01, 1000, 0.5)));
        assertThat(centroidHz(v)).isCloseTo(1000, within(300.0));
        assertThat(v[AudioStatsEncoder.RMS_DB + 1]).isZero();
        float[] one = encode("one.wav", TestAudio.wav16(16000, new float[] {0.5f}));
        assertThat(one).doesNotContain(Float.NaN);
        EncodingResult empty = encoder.encode(List.of(item("e", Media.ofBytes("empty.wav",
                TestAudio.wav16(16000, new float[0]))))).get(0);
        assertThat(empty).isInstanceOfSatisfying(Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.INVALID);
            assertThat(f.message()).contains("empty.wav", "no samples");
        });
    }

    @Test
    void noiseIsFlatterAndCrossesZeroMoreThanATone() {
        Random rnd = new Random(1);
        float[] noise = TestAudio.signal(16000, 1, t -> 0.3 * rnd.nextGaussian());
        float[] n = encode("noise.wav", TestAudio.wav16(16000, noise));
        float[] t = encode("tone.wav", TestAudio.wav16(16000, TestAudio.sine(16000, 1, 440, 0.5)));
        assertThat(n[AudioStatsEncoder.FLATNESS]).isGreaterThan(0.4f);
        assertThat(t[AudioStatsEncoder.FLATNESS]).isLessThan(0.05f);
        assertThat(n[AudioStatsEncoder.ZCR]).isGreaterThan(0.3f);
        // White noise up to 8 kHz: centroid near 4 kHz.
        assertThat(centroidHz(n)).isCloseTo(4000, within(300.0));
    }

    @Test
    void badFilesFailWithFileAndReasonWhileTheBatchGoesOn() {
        Path garbage = TestAudio.write(dir.resolve("garbage.wav"), "definitely not RIFF data".getBytes());
        byte[] wav = TestAudio.wav16(16000, TestAudio.sine(16000, 0.2, 440, 0.5));
        Path headerOnly = TestAudio.write(dir.resolve("cut.wav"), Arrays.copyOf(wav, 20));
        Path good = TestAudio.write(dir.resolve("good.wav"), wav);
        List<EncodingResult> r = encoder.encode(List.of(
                item("g", Media.ofFile(garbage)), item("c", Media.ofFile(headerOnly)),
                item("m", Media.ofFile(dir.resolve("missing.wav"))),
                new Item("none", "", Map.of(), ItemContent.EMPTY), item("ok", Media.ofFile(good))));
        assertThat(r).extracting(EncodingResult::itemId).containsExactly("g", "c", "m", "none", "ok");
        assertFailure(r.get(0), "garbage.wav", FailureKind.UNSUPPORTED);
        assertFailure(r.get(1), "cut.wav", FailureKind.UNSUPPORTED, FailureKind.INVALID);
        assertFailure(r.get(2), "missing.wav", FailureKind.UNREADABLE);
        assertFailure(r.get(3), "'none'", FailureKind.MISSING);
        assertThat(r.get(4)).isInstanceOf(Success.class);
    }

    private static void assertFailure(EncodingResult r, String inMessage, FailureKind... kinds) {
        assertThat(r).isInstanceOfSatisfying(Failure.class, f -> {
            assertThat(f.kind()).as(f.message()).isIn((Object[]) kinds);
            assertThat(f.message()).contains(inMessage);
        });
    }

    @Test
    void onlyTheFirstMaxSecondsAreAnalysed() {
        // 1 s of tone then 1 s of silence; with maxSeconds = 1 no frame is silent.
        float[] x = TestAudio.signal(16000, 2, t -> t < 1 ? 0.5 * Math.sin(2 * Math.PI * 440 * t) : 0);
        byte[] wav = TestAudio.wav16(16000, x);
        AudioStatsEncoder first = new AudioStatsEncoder(new AudioStatsConfig(16000, 1024, 512, 24, 50, 1));
        float[] v = ((Success) first.encode(List.of(item("a", Media.ofBytes("a.wav", wav)))).get(0)).vector();
        float[] all = encode("all.wav", wav);
        assertThat(v[AudioStatsEncoder.RMS_DB]).isCloseTo(-9.03f, within(0.2f));
        assertThat(all[AudioStatsEncoder.RMS_DB]).isLessThan(-40f);
    }

    @Test
    void rejectsInconsistentConfig() {
        assertThatThrownBy(() -> new AudioStatsEncoder(new AudioStatsConfig(16000, 1024, 2048, 24, 50, 600)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hopSize");
        assertThatThrownBy(() -> new AudioStatsEncoder(new AudioStatsConfig(16000, 1023, 512, 24, 50, 600)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frameSize");
        assertThatThrownBy(() -> new AudioStatsEncoder(new AudioStatsConfig(16000, 1024, 512, 24, 9000, 600)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minFrequency");
        assertThat(new AudioStatsEncoder(new AudioStatsConfig(16000, 1024, 512, 16, 50, 600)).dimension())
                .isEqualTo(28);
    }
}
