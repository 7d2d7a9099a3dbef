package dev.braid.plugin.audio;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * Log-mel spectrogram: Hann-windowed frames of {@code nFft} samples every {@code hop}, power spectrum (JTransforms
 * FFT), triangular mel filters on the HTK mel scale from 0 Hz to Nyquist, natural log with a floor of
 * {@value #FLOOR} (so silence gives {@code ln(1e-10)} everywhere). A clip shorter than one window is zero-padded to
 * one frame. Thread-safe.
 */
final class LogMel {
    static final float FLOOR = 1e-10f;

    private final int nFft;
    private final int hop;
    private final int mels;
    private final float[] window;
    private final float[][] filters;
    private final ThreadLocal<FloatFFT_1D> fft;

    LogMel(int sampleRate, int nFft, int hop, int mels) {
        this.nFft = nFft;
        this.hop = hop;
        this.mels = mels;
        this.window = new float[nFft];
        for (int i = 0; i < nFft; i++) {
            window[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / nFft));
        }
        this.filters = melFilters(sampleRate, nFft, mels);
        this.fft = ThreadLocal.withInitial(() -> new FloatFFT_1D(nFft));
    }

    static double hzToMel(double hz) {
        return 2595.0 * Math.log10(1.0 + hz / 700.0);
    }

    static double melToHz(double mel) {
        return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
    }

    /** The centre frequency of each mel band, in Hz. */
    static double[] centres(int sampleRate, int mels) {
        double top = hzToMel(sampleRate / 2.0);
        double[] c = new double[mels];
        for (int m = 0; m < mels; m++) {
            c[m] = melToHz(top * (m + 1) / (mels + 1));
        }
        return c;
    }

    private static float[][] melFilters(int sampleRate, int nFft, int mels) {
        int bins = nFft / 2 + 1;
        double top = hzToMel(sampleRate / 2.0);
        double[] edges = new double[mels + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = melToHz(top * i / (mels + 1));
        }
        float[][] f = new float[mels][bins];
        for (int m = 0; m < mels; m++) {
            double lo = edges[m];
            double mid = edges[m + 1];
            double hi = edges[m + 2];
            for (int k = 0; k < bins; k++) {
                double hz = (double) k * sampleRate / nFft;
                double w = hz <= lo || hz >= hi ? 0 : hz <= mid ? (hz - lo) / (mid - lo) : (hi - hz) / (hi - mid);
                f[m][k] = (float) w;
            }
        }
        return f;
    }

    /** Number of frames for a clip of {@code samples} samples. */
    int frameCount(int samples) {
        return samples <= nFft ? 1 : 1 + (samples - nFft) / hop;
    }

    /** The log-mel spectrogram, {@code [mels][frames]}. */
    float[][] compute(float[] samples) {
        int frames = frameCount(samples.length);
        int bins = nFft / 2 + 1;
        float[][] out = new float[mels][frames];
        float[] buf = new float[nFft];
        float[] power = new float[bins];
        FloatFFT_1D f = fft.get();
        for (int t = 0; t < frames; t++) {
            int start = t * hop;
            for (int i = 0; i < nFft; i++) {
                int s = start + i;
                buf[i] = s < samples.length ? samples[s] * window[i] : 0f;
            }
            f.realForward(buf);
            // JTransforms packing: a[0] = Re(0); for even n a[1] = Re(n/2), for odd n a[1] = Im((n-1)/2) and
            // a[n-1] = Re((n-1)/2); in between (Re(k), Im(k)) pairs at a[2k], a[2k+1].
            int half = nFft / 2;
            power[0] = buf[0] * buf[0];
            for (int k = 1; k < half; k++) {
                float re = buf[2 * k];
                float im = buf[2 * k + 1];
                power[k] = re * re + im * im;
            }
            if (nFft % 2 == 0) {
                power[half] = buf[1] * buf[1];
            } else {
                power[half] = buf[nFft - 1] * buf[nFft - 1] + buf[1] * buf[1];
            }
            for (int m = 0; m < mels; m++) {
                float[] w = filters[m];
                double e = 0;
                for (int k = 0; k < bins; k++) {
                    e += w[k] * power[k];
                }
                out[m][t] = (float) Math.log(Math.max(e, FLOOR));
            }
        }
        return out;
    }
}
