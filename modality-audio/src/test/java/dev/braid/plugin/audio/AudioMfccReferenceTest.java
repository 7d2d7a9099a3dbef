package dev.braid.plugin.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braid.api.data.Media;
import dev.braid.platform.media.AudioDecoder;
import dev.braid.platform.media.DecodedAudio;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Agreement of {@code audio-mfcc} with the independent numpy/scipy implementation in
 * {@code src/test/python/features_reference.py}, which generated the WAV fixtures and the expected values in
 * {@code src/test/resources/features-reference/} (rerun it after changing a definition).
 *
 * <p><b>Tolerance.</b> Both sides compute in double precision from the same 16-bit samples, so they differ only
 * by FFT and summation rounding: we require |java - python| <= 1e-9 (1 + |python|) for every frame-wise value
 * (MFCC and contrast in dB, centroid, bandwidth and roll-off in Hz, flatness, ZCR, RMS dB, deltas) and
 * 1e-6 (1 + |python|) for every element of the summary vector, which is float32 (tempo included). Roll-off is a
 * bin frequency, so a threshold tie would show as a whole bin (10.8 Hz), far outside the tolerance.
 */
class AudioMfccReferenceTest {
    private static final double FRAME_TOLERANCE = 1e-9;
    private static final double SUMMARY_TOLERANCE = 1e-6;

    private final AudioMfccEncoder encoder = new AudioMfccEncoder(AudioMfccConfig.raw());
    private final MfccAnalyzer analyzer = new MfccAnalyzer(22050, 2048, 512, 40, 13, 0, 11025, 6, 200, 0.85);

    @ParameterizedTest
    @ValueSource(strings = {"chord", "chirp", "clicks", "short"})
    void frameFeaturesAndSummaryAgreeWithNumpy(String name) throws Exception {
        Map<String, double[][]> expected = expected(name);
        DecodedAudio clip = new AudioDecoder(600).decode(Media.ofBytes(name + ".wav", resource(name + ".wav")));
        assertThat(clip.sampleRate()).isEqualTo(22050f);
        FrameFeatures f = analyzer.analyse(clip.samples());
        compare(name, "mfcc", f.mfcc(), expected);
        compare(name, "delta", Deltas.of(f.mfcc()), expected);
        compare(name, "delta2", Deltas.of(Deltas.of(f.mfcc())), expected);
        compare(name, "contrast", f.contrast(), expected);
        compare(name, "centroid", new double[][] {f.centroid()}, expected);
        compare(name, "bandwidth", new double[][] {f.bandwidth()}, expected);
        compare(name, "rolloff", new double[][] {f.rolloff()}, expected);
        compare(name, "flatness", new double[][] {f.flatness()}, expected);
        compare(name, "zcr", new double[][] {f.zcr()}, expected);
        compare(name, "rms_db", new double[][] {f.rmsDb()}, expected);
        float[] v = encoder.features(clip);
        double[][] summary = {new double[v.length]};
        for (int i = 0; i < v.length; i++) {
            summary[0][i] = v[i];
        }
        compare(name, "summary", summary, expected);
    }

    private static void compare(String clip, String key, double[][] actual, Map<String, double[][]> expected) {
        double[][] e = expected.get(key);
        assertThat(e).as("%s: no '%s' in the reference file", clip, key).isNotNull();
        // The reference stores frame-wise matrices as [frames][dims] and series as one row.
        assertThat(actual.length).as("%s %s rows", clip, key).isEqualTo(e.length);
        for (int r = 0; r < e.length; r++) {
            assertThat(actual[r].length).as("%s %s columns", clip, key).isEqualTo(e[r].length);
            for (int c = 0; c < e[r].length; c++) {
                double tol = (key.equals("summary") ? SUMMARY_TOLERANCE : FRAME_TOLERANCE)
                        * (1 + Math.abs(e[r][c]));
                assertThat(Math.abs(actual[r][c] - e[r][c]))
                        .as("%s %s[%d][%d]: java %s vs numpy %s", clip, key, r, c, actual[r][c], e[r][c])
                        .isLessThanOrEqualTo(tol);
            }
        }
    }

    private static Map<String, double[][]> expected(String name) throws IOException {
        Map<String, double[][]> out = new HashMap<>();
        for (String line : new String(resource(name + ".txt"), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] p = line.trim().split(" ");
            int rows = Integer.parseInt(p[1]);
            int cols = Integer.parseInt(p[2]);
            double[][] m = new double[rows][cols];
            for (int i = 0; i < rows * cols; i++) {
                m[i / cols][i % cols] = Double.parseDouble(p[3 + i]);
            }
            out.put(p[0], m);
        }
        return out;
    }

    private static byte[] resource(String file) throws IOException {
        try (InputStream in = AudioMfccReferenceTest.class.getResourceAsStream("/features-reference/" + file)) {
            assertThat(in).as("test resource features-reference/%s", file).isNotNull();
            return in.readAllBytes();
        }
    }
}
