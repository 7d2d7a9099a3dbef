package dev.braid.platform.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.braid.api.data.Media;
import dev.braid.api.encoder.EncodingResult.FailureKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFileFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioDecoderTest {
    @TempDir
    Path dir;

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = AudioDecoderTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static double rms(float[] x) {
        double s = 0;
        for (float v : x) {
            s += v * v;
        }
        return Math.sqrt(s / x.length);
    }

    @Test
    void wavAndAiffStereoAreMixedDownToMono() throws Exception {
        float[] left = Signals.sine(16000, 0.5, 440, 0.5);
        float[] right = new float[left.length];
        for (int i = 0; i < left.length; i++) {
            right[i] = -left[i] / 2;
        }
        for (AudioFileFormat.Type type : new AudioFileFormat.Type[] {AudioFileFormat.Type.WAVE,
                AudioFileFormat.Type.AIFF}) {
            DecodedAudio a = new AudioDecoder(600).decode(Media.ofBytes("s." + type.getExtension(),
                    Signals.pcm16(type, 16000, left, right)));
            assertThat(a.sampleRate()).as("%s", type).isEqualTo(16000f);
            assertThat(a.samples()).as("%s", type).hasSize(left.length);
            // (x - x/2) / 2 = x / 4
            for (int i = 0; i < left.length; i += 97) {
                assertThat(a.samples()[i]).as("%s at %d", type, i).isCloseTo(left[i] / 4, within(2e-4f));
            }
        }
    }

    @Test
    void resamplesToTheRequestedRateAndCutsAtMaxSeconds() throws Exception {
        byte[] wav = Signals.pcm16(AudioFileFormat.Type.WAVE, 48000, Signals.sine(48000, 1, 1000, 0.5));
        DecodedAudio a = new AudioDecoder(600).decode(Media.ofBytes("a.wav", wav), 16000);
        assertThat(a.sampleRate()).isEqualTo(16000f);
        assertThat(a.samples()).hasSize(16000);
        assertThat(rms(Arrays.copyOfRange(a.samples(), 100, 15900))).isCloseTo(0.5 / Math.sqrt(2), within(0.01));
        assertThat(new AudioDecoder(0.25).decode(Media.ofBytes("a.wav", wav)).seconds()).isCloseTo(0.25,
                within(1e-6));
    }

    @Test
    void aFileShorterThanItsHeaderSaysIsAnErrorNamingTheFile() throws Exception {
        for (AudioFileFormat.Type type : new AudioFileFormat.Type[] {AudioFileFormat.Type.WAVE,
                AudioFileFormat.Type.AIFF}) {
            byte[] full = Signals.pcm16(type, 16000, Signals.sine(16000, 1, 440, 0.5));
            Path cut = Files.write(dir.resolve("cut." + type.getExtension()), Arrays.copyOf(full, full.length / 2));
            assertThatThrownBy(() -> new AudioDecoder(600).decode(Media.ofFile(cut)))
                    .as("%s", type)
                    .isInstanceOfSatisfying(DecodeException.class, e -> {
                        assertThat(e.kind()).isEqualTo(FailureKind.INVALID);
                        assertThat(e.getMessage()).contains(cut.toString(), "truncated", "16000 frames");
                    });
            // Reading only the start that is there is fine.
            assertThat(new AudioDecoder(0.1).decode(Media.ofFile(cut)).samples()).hasSize(1600);
        }
    }

    @Test
    void decodesMp3StereoAndMono() throws Exception {
        DecodedAudio stereo = new AudioDecoder(600).decode(Media.ofBytes("s.mp3",
                resource("/mp3/tone-stereo-44k.mp3")));
        assertThat(stereo.sampleRate()).isEqualTo(44100f);
        // 1 s of audio plus the encoder's delay and padding (at most a few frames of 1152).
        assertThat(stereo.samples().length).isBetween(44100, 44100 + 4 * 1152);
        DecodedAudio mono = new AudioDecoder(600).decode(Media.ofBytes("m.mp3", resource("/mp3/tone-mono-16k.mp3")),
                8000);
        assertThat(mono.sampleRate()).isEqualTo(8000f);
        assertThat(mono.samples().length).isBetween(8000, 8000 + 2 * 576);
    }

    @Test
    void missingFilesAndUnknownFormatsAreErrorsNamingTheFile() {
        Path missing = dir.resolve("missing.wav");
        assertThatThrownBy(() -> new AudioDecoder(600).decode(Media.ofFile(missing)))
                .isInstanceOfSatisfying(DecodeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.UNREADABLE);
                    assertThat(e.getMessage()).contains("missing.wav", "not found");
                });
        assertThatThrownBy(() -> new AudioDecoder(600).decode(Media.ofBytes("notes.txt",
                "plain text, no audio here at all".getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(DecodeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.UNSUPPORTED);
                    assertThat(e.getMessage()).contains("notes.txt");
                });
    }
}
