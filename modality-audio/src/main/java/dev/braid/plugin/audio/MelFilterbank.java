package dev.braid.plugin.audio;

/**
 * Triangular mel filterbank on the Slaney mel scale with Slaney area normalisation (the definition librosa uses
 * by default, {@code htk=False, norm='slaney'}): mel is linear below 1 kHz ({@code f / (200/3)}) and logarithmic
 * above ({@code 15 + ln(f / 1000) / (ln 6.4 / 27)}); {@code bands + 2} points evenly spaced in mel between
 * {@code fMin} and {@code fMax} give each band its lower edge, centre and upper edge; each triangle is scaled by
 * {@code 2 / (upper - lower)} (Hz) so that every band has the same area. Stored sparsely (first bin and weights).
 * Immutable and thread-safe.
 */
final class MelFilterbank {
    private static final double F_SP = 200.0 / 3;
    private static final double MIN_LOG_HZ = 1000;
    private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
    private static final double LOG_STEP = Math.log(6.4) / 27;

    private final int[] firstBin;
    private final double[][] weights;

    MelFilterbank(double sampleRate, int fftSize, int bands, double fMin, double fMax) {
        double[] melPoints = new double[bands + 2];
        double lo = hzToMel(fMin);
        double hi = hzToMel(fMax);
        for (int i = 0; i < melPoints.length; i++) {
            melPoints[i] = melToHz(lo + (hi - lo) * i / (bands + 1));
        }
        int bins = fftSize / 2 + 1;
        this.firstBin = new int[bands];
        this.weights = new double[bands][];
        for (int b = 0; b < bands; b++) {
            double left = melPoints[b];
            double centre = melPoints[b + 1];
            double right = melPoints[b + 2];
            double norm = 2 / (right - left);
            int first = -1;
            int last = -1;
            double[] w = new double[bins];
            for (int k = 0; k < bins; k++) {
                double f = k * sampleRate / fftSize;
                double v = Math.max(0, Math.min((f - left) / (centre - left), (right - f) / (right - centre)));
                if (v > 0) {
                    w[k] = v * norm;
                    if (first < 0) {
                        first = k;
                    }
                    last = k;
                }
            }
            if (first < 0) {
                firstBin[b] = 0;
                weights[b] = new double[0];
            } else {
                firstBin[b] = first;
                weights[b] = java.util.Arrays.copyOfRange(w, first, last + 1);
            }
        }
    }

    int bands() {
        return weights.length;
    }

    /** Bands that cover no FFT bin (too many bands for the frame size): their energy is always 0. */
    int emptyBands() {
        int n = 0;
        for (double[] w : weights) {
            n += w.length == 0 ? 1 : 0;
        }
        return n;
    }

    /** Mel band energies of one power spectrum ({@code fftSize / 2 + 1} bins) into {@code out}. */
    void apply(double[] power, double[] out) {
        for (int b = 0; b < weights.length; b++) {
            double[] w = weights[b];
            int k0 = firstBin[b];
            double s = 0;
            for (int i = 0; i < w.length; i++) {
                s += w[i] * power[k0 + i];
            }
            out[b] = s;
        }
    }

    static double hzToMel(double hz) {
        return hz < MIN_LOG_HZ ? hz / F_SP : MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP;
    }

    static double melToHz(double mel) {
        return mel < MIN_LOG_MEL ? mel * F_SP : MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL));
    }
}
