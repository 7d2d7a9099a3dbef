package dev.braid.plugin.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.braid.api.component.Environment;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemContent;
import dev.braid.api.data.Media;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.EncodingResult.FailureKind;
import dev.braid.testkit.InMemorySharedResources;
import dev.braid.testkit.Npy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

/**
 * Runs the committed tiny-audio.onnx (made by src/test/resources/onnx/make_models.py): the mean of each of 16
 * log-mel bands over time, projected by a 16x6 matrix. Expected outputs come from the .npy weights.
 */
class OnnxAudioEncoderTest {
    private final Environment env = OnnxTestSupport.environment();

    private OnnxAudioConfig config(int frames, boolean normalize) {
        return new OnnxAudioConfig("tiny-audio.onnx", "", "", 16000, 400, 160, 16, frames, normalize, 600, 1);
    }

    @Test
    void silenceGivesTheLogFloorProjected() throws IOException {
        try (InMemorySharedResources res = new InMemorySharedResources();
             OnnxAudioEncoder enc = new OnnxAudioEncoder(config(0, false), res, env)) {
            assertThat(enc.dimension()).isEqualTo(6);
            float[] v = vector(enc, wav(new float[16000], 16000, 1));
            float[][] w = Npy.readMatrix(env.resolve("tiny-audio-w.npy"));
            for (int j = 0; j < 6; j++) {
                double expected = 0;
                for (int m = 0; m < 16; m++) {
                    expected += Math.log(LogMel.FLOOR) * w[m][j];
                }
                assertThat((double) v[j]).isCloseTo(expected, within(1e-3 * Math.abs(expected) + 1e-3));
            }
        }
    }

    @Test
    void aToneLightsTheMelBandAroundItsFrequency() {
        LogMel mel = new LogMel(16000, 400, 160, 16);
        double[] centres = LogMel.centres(16000, 16);
        for (double hz : new double[] {300, 1000, 3000}) {
            float[][] spec = mel.compute(tone(hz, 16000, 8000, 0.5f));
            int best = 0;
            for (int m = 1; m < 16; m++) {
                if (spec[m][10] > spec[best][10]) {
                    best = m;
                }
            }
            int nearest = 0;
            for (int m = 1; m < 16; m++) {
                if (Math.abs(centres[m] - hz) < Math.abs(centres[nearest] - hz)) {
                    nearest = m;
                }
            }
            assertThat(best).as("%s Hz", hz).isEqualTo(nearest);
        }
    }

    @Test
    void stereoOtherRatesShortClipsAndBadInputsAreHandledPerItem() throws IOException {
        try (InMemorySharedResources res = new InMemorySharedResources();
             OnnxAudioEncoder enc = new OnnxAudioEncoder(config(50, true), res, env)) {
            float[] low = tone(440, 44100, 44100, 0.3f);
            float[] stereo = new float[low.length * 2];
            for (int i = 0; i < low.length; i++) {
                stereo[2 * i] = low[i];
                stereo[2 * i + 1] = low[i];
            }
            List<EncodingResult> r = enc.encode(List.of(
                    item("mono16k", wav(tone(440, 16000, 16000, 0.3f), 16000, 1)),
                    item("stereo44k", wav(stereo, 44100, 2)),
                    item("10ms", wav(tone(440, 16000, 160, 0.3f), 16000, 1)),
                    item("empty", wav(new float[0], 16000, 1)),
                    item("garbage", "RIFF....not audio".getBytes()),
                    new Item("none", "", Map.of(), ItemContent.EMPTY)));
            assertThat(r).extracting(EncodingResult::itemId).containsExactly("mono16k", "stereo44k", "10ms",
                    "empty", "garbage", "none");
            float[] a = ((EncodingResult.Success) r.get(0)).vector();
            float[] b = ((EncodingResult.Success) r.get(1)).vector();
            assertThat(r.get(2)).isInstanceOf(EncodingResult.Success.class);
            double dot = 0;
            for (int j = 0; j < a.length; j++) {
                dot += a[j] * b[j];
            }
            float[] other = vector(enc, wav(tone(3000, 16000, 16000, 0.3f), 16000, 1));
            double otherDot = 0;
            for (int j = 0; j < a.length; j++) {
                otherDot += a[j] * other[j];
            }
            // Same tone at 44.1 kHz stereo and 16 kHz mono: closer than another tone at the same rate.
            assertThat(dot).isGreaterThan(0.95).isGreaterThan(otherDot);
            assertThat(((EncodingResult.Failure) r.get(3)).kind()).isEqualTo(FailureKind.INVALID);
            assertThat(((EncodingResult.Failure) r.get(4)).kind()).isEqualTo(FailureKind.UNSUPPORTED);
            assertThat(((EncodingResult.Failure) r.get(4)).message()).contains("garbage.wav");
            assertThat(((EncodingResult.Failure) r.get(5)).kind()).isEqualTo(FailureKind.MISSING);
        }
    }

    @Test
    void aMelCountTheModelDoesNotTakeIsRejected() {
        try (InMemorySharedResources res = new InMemorySharedResources()) {
            assertThatThrownBy(() -> new OnnxAudioEncoder(new OnnxAudioConfig("tiny-audio.onnx", "", "", 16000,
                    400, 160, 64, 0, true, 600, 1), res, env)).hasMessageContaining("16 mel bands")
                    .hasMessageContaining("tiny-audio.onnx");
        }
    }

    private static float[] vector(OnnxAudioEncoder enc, byte[] wav) {
        return ((EncodingResult.Success) enc.encode(List.of(item("a", wav))).get(0)).vector();
    }

    static Item item(String id, byte[] bytes) {
        return new Item(id, "", Map.of(), new ItemContent(null, null, Media.ofBytes(id + ".wav", bytes)));
    }

    static float[] tone(double hz, int rate, int samples, float amp) {
        float[] s = new float[samples];
        for (int i = 0; i < samples; i++) {
            s[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }

    /** 16-bit PCM WAV of interleaved samples. */
    static byte[] wav(float[] interleaved, int rate, int channels) throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(interleaved.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : interleaved) {
            bb.putShort((short) Math.round(Math.max(-1, Math.min(1, f)) * 32767));
        }
        AudioFormat fmt = new AudioFormat(rate, 16, channels, true, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(bb.array()), fmt,
                interleaved.length / channels), AudioFileFormat.Type.WAVE, out);
        return out.toByteArray();
    }
}
