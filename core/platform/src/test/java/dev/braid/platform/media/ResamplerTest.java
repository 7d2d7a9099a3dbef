package dev.braid.platform.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static double rms(float[] x, int skip) {
        double s = 0;
        for (int i = skip; i < x.length - skip; i++) {
            s += x[i] * x[i];
        }
        return Math.sqrt(s / (x.length - 2 * skip));
    }

    @Test
    void keepsTonesBelowTheNewNyquistAndRemovesThoseAbove() {
        float[] low = Resampler.resample(Signals.sine(48000, 0.5, 1000, 0.5), 48000, 16000);
        float[] high = Resampler.resample(Signals.sine(48000, 0.5, 7000, 0.5), 48000, 16000);
        float[] alias = Resampler.resample(Signals.sine(48000, 0.5, 12000, 0.5), 48000, 16000);
        assertThat(low).hasSize(8000);
        // Away from the edges: amplitude 0.5 -> RMS 0.354.
        assertThat(rms(low, 100)).isCloseTo(0.3536, within(0.005));
        assertThat(rms(high, 100)).isCloseTo(0.3536, within(0.02));
        // 12 kHz would fold to 4 kHz without the low-pass.
        assertThat(rms(alias, 100)).isLessThan(0.01);
        // Upsampling keeps the waveform: compare with the sine sampled at the new rate directly.
        float[] up = Resampler.resample(Signals.sine(8000, 0.5, 440, 0.5), 8000, 16000);
        float[] direct = Signals.sine(16000, 0.5, 440, 0.5);
        for (int i = 200; i < 7800; i += 97) {
            assertThat(up[i]).isCloseTo(direct[i], within(0.01f));
        }
    }

    @Test
    void polyphaseFilteringEqualsTheTapByTapKernel() {
        float[] x = new float[9000];
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 * Math.sin(i * 0.05) + 0.2 * rnd.nextGaussian());
        }
        double[][] rates = {{44100, 22050}, {48000, 22050}, {22050, 44100}, {8000, 16000}, {16000, 22050}};
        for (double[] r : rates) {
            float[] fast = Resampler.resample(x, r[0], r[1]);
            double ratio = r[1] / r[0];
            float[] reference = Resampler.direct(x, fast.length, ratio, Math.min(1.0, ratio) * 0.95);
            for (int i = 0; i < fast.length; i++) {
                assertThat(fast[i]).as("%s -> %s Hz, sample %d", r[0], r[1], i).isCloseTo(reference[i],
                        within(2e-4f));
            }
        }
    }
}
