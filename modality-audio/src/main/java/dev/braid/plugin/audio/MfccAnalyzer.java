package dev.braid.plugin.audio;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Frame-wise MFCC and spectral features of a mono clip at a fixed rate.
 *
 * <p><b>Framing.</b> Frames of {@code frameSize} samples start at {@code 0, hop, 2 hop, ...} while they fit in the
 * clip (no centring, the tail shorter than a hop is dropped); a clip shorter than one frame is zero-padded at the
 * end to one frame. Each frame gets a periodic Hann window and a real FFT (JTransforms); {@code S} is the magnitude
 * and {@code P = S^2} the power spectrum over bins {@code k = 0 .. frameSize / 2} at {@code f_k = k rate / frameSize}.
 *
 * <p><b>Definitions</b> (those of librosa's defaults unless said otherwise; the Python reference in
 * {@code src/test/python/features_reference.py} implements the same ones):
 * <ul>
 *   <li>MFCC: {@link MelFilterbank} on {@code P}, {@code 10 log10(max(e, 1e-10))} (no top-dB clipping), DCT-II with
 *       orthonormal scaling, the first {@code coefficients} kept;</li>
 *   <li>centroid {@code c = sum f S / sum S}; bandwidth {@code sqrt(sum S (f - c)^2 / sum S)}; both 0 for a silent
 *       frame;</li>
 *   <li>roll-off: the smallest {@code f_k} whose cumulative magnitude reaches {@code rolloffShare} of the total;</li>
 *   <li>flatness: {@code exp(mean(ln P')) / mean(P')} with {@code P' = max(P, 1e-10)} (1 for digital silence);</li>
 *   <li>contrast (octave bands, own definition close to librosa's): band edges {@code 0, fMin, 2 fMin, ...,
 *       fMin 2^(bands-1), Nyquist}, bin {@code k} in band {@code b} when {@code edge_b <= f_k < edge_b+1} (the
 *       last band includes Nyquist); with {@code a = max(1, round(0.02 n))} for a band of {@code n} bins, peak and
 *       valley are the means of its {@code a} largest and smallest powers, contrast
 *       {@code 10 log10(max(peak, 1e-10)) - 10 log10(max(valley, 1e-10))};</li>
 *   <li>zero-crossing rate: pairs of neighbours in the (unwindowed) frame whose signs differ, zero counting as
 *       positive, divided by {@code frameSize};</li>
 *   <li>RMS: {@code sqrt(mean(x^2))} of the unwindowed frame, in dB, floored at -100 dB.</li>
 * </ul>
 * Immutable; {@link #analyse} allocates its own buffers, so one instance serves many threads.
 */
final class MfccAnalyzer {
    static final double POWER_FLOOR = 1e-10;
    static final double RMS_FLOOR = 1e-5;
    private static final double CONTRAST_QUANTILE = 0.02;

    private final double sampleRate;
    private final int frameSize;
    private final int hopSize;
    private final int coefficients;
    private final double rolloffShare;
    private final double[] window;
    private final MelFilterbank mel;
    private final double[][] dct;
    /** Contrast band {@code b} covers bins {@code [bandStart[b], bandStart[b + 1])}. */
    private final int[] bandStart;

    /**
     * @throws IllegalArgumentException when a contrast band holds no FFT bin or a mel band covers no bin
     */
    MfccAnalyzer(double sampleRate, int frameSize, int hopSize, int melBands, int coefficients, double fMin,
            double fMax, int contrastBands, double contrastMinHz, double rolloffShare) {
        this.sampleRate = sampleRate;
        this.frameSize = frameSize;
        this.hopSize = hopSize;
        this.coefficients = coefficients;
        this.rolloffShare = rolloffShare;
        this.window = new double[frameSize];
        for (int i = 0; i < frameSize; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / frameSize);
        }
        this.mel = new MelFilterbank(sampleRate, frameSize, melBands, fMin, fMax);
        if (mel.emptyBands() > 0) {
            throw new IllegalArgumentException(mel.emptyBands() + " of " + melBands + " mel bands cover no FFT bin "
                    + "at frameSize " + frameSize + ": use fewer melBands or a larger frameSize");
        }
        this.dct = new double[coefficients][melBands];
        for (int k = 0; k < coefficients; k++) {
            double s = Math.sqrt((k == 0 ? 1.0 : 2.0) / melBands);
            for (int n = 0; n < melBands; n++) {
                dct[k][n] = s * Math.cos(Math.PI * k * (2 * n + 1) / (2.0 * melBands));
            }
        }
        int bins = frameSize / 2 + 1;
        this.bandStart = new int[contrastBands + 2];
        double binHz = sampleRate / frameSize;
        for (int b = 1; b <= contrastBands; b++) {
            double edge = contrastMinHz * Math.pow(2, b - 1);
            bandStart[b] = Math.min(bins, (int) Math.ceil(edge / binHz - 1e-9));
        }
        bandStart[contrastBands + 1] = bins;
        for (int b = 0; b <= contrastBands; b++) {
            if (bandStart[b + 1] <= bandStart[b]) {
                throw new IllegalArgumentException("contrast band " + b + " holds no FFT bin (contrastMinHz "
                        + contrastMinHz + " Hz, " + contrastBands + " octave bands, Nyquist " + sampleRate / 2
                        + " Hz, frameSize " + frameSize + ")");
            }
        }
    }

    double framesPerSecond() {
        return sampleRate / hopSize;
    }

    int coefficients() {
        return coefficients;
    }

    int contrastValues() {
        return bandStart.length - 1;
    }

    /** The frame-wise features of a clip with at least one sample. */
    FrameFeatures analyse(float[] x) {
        int frames = x.length <= frameSize ? 1 : 1 + (x.length - frameSize) / hopSize;
        int bins = frameSize / 2 + 1;
        int melBands = mel.bands();
        int contrastN = contrastValues();
        double binHz = sampleRate / frameSize;
        double[][] mfcc = new double[frames][coefficients];
        double[][] logMel = new double[frames][melBands];
        double[] centroid = new double[frames];
        double[] bandwidth = new double[frames];
        double[] rolloff = new double[frames];
        double[] flatness = new double[frames];
        double[][] contrast = new double[frames][contrastN];
        double[] zcr = new double[frames];
        double[] rmsDb = new double[frames];
        DoubleFFT_1D fft = new DoubleFFT_1D(frameSize);
        double[] buf = new double[frameSize];
        double[] mag = new double[bins];
        double[] power = new double[bins];
        double[] melE = new double[melBands];
        double[] low = new double[bins];
        double[] high = new double[bins];
        for (int t = 0; t < frames; t++) {
            int start = t * hopSize;
            double energy = 0;
            int crossings = 0;
            boolean prevPositive = true;
            for (int i = 0; i < frameSize; i++) {
                int j = start + i;
                double s = j < x.length ? x[j] : 0;
                energy += s * s;
                boolean positive = s >= 0;
                if (i > 0 && positive != prevPositive) {
                    crossings++;
                }
                prevPositive = positive;
                buf[i] = s * window[i];
            }
            zcr[t] = (double) crossings / frameSize;
            rmsDb[t] = 20 * Math.log10(Math.max(Math.sqrt(energy / frameSize), RMS_FLOOR));
            fft.realForward(buf);
            // JTransforms packs Re[0], Re[n/2], then (Re, Im) pairs.
            power[0] = buf[0] * buf[0];
            power[bins - 1] = buf[1] * buf[1];
            for (int k = 1; k < bins - 1; k++) {
                power[k] = buf[2 * k] * buf[2 * k] + buf[2 * k + 1] * buf[2 * k + 1];
            }
            double magSum = 0;
            double weighted = 0;
            double logSum = 0;
            double linSum = 0;
            for (int k = 0; k < bins; k++) {
                double m = Math.sqrt(power[k]);
                mag[k] = m;
                magSum += m;
                weighted += k * binHz * m;
                double p = Math.max(power[k], POWER_FLOOR);
                logSum += Math.log(p);
                linSum += p;
            }
            flatness[t] = Math.exp(logSum / bins) / (linSum / bins);
            if (magSum > 0) {
                double c = weighted / magSum;
                double spread = 0;
                for (int k = 0; k < bins; k++) {
                    double d = k * binHz - c;
                    spread += d * d * mag[k];
                }
                centroid[t] = c;
                bandwidth[t] = Math.sqrt(spread / magSum);
            }
            double threshold = rolloffShare * magSum;
            double cumulative = 0;
            int roll = bins - 1;
            for (int k = 0; k < bins; k++) {
                cumulative += mag[k];
                if (cumulative >= threshold) {
                    roll = k;
                    break;
                }
            }
            rolloff[t] = roll * binHz;
            for (int b = 0; b < contrastN; b++) {
                int from = bandStart[b];
                int n = bandStart[b + 1] - from;
                int a = (int) Math.max(1, Math.round(CONTRAST_QUANTILE * n));
                smallest(power, from, n, a, low);
                largest(power, from, n, a, high);
                double valley = 0;
                double peak = 0;
                for (int i = 0; i < a; i++) {
                    valley += low[i];
                    peak += high[i];
                }
                contrast[t][b] = 10 * Math.log10(Math.max(peak / a, POWER_FLOOR))
                        - 10 * Math.log10(Math.max(valley / a, POWER_FLOOR));
            }
            mel.apply(power, melE);
            double[] lm = logMel[t];
            for (int b = 0; b < melBands; b++) {
                lm[b] = 10 * Math.log10(Math.max(melE[b], POWER_FLOOR));
            }
            double[] c = mfcc[t];
            for (int k = 0; k < coefficients; k++) {
                double[] row = dct[k];
                double s = 0;
                for (int b = 0; b < melBands; b++) {
                    s += row[b] * lm[b];
                }
                c[k] = s;
            }
        }
        return new FrameFeatures(mfcc, logMel, centroid, bandwidth, rolloff, flatness, contrast, zcr, rmsDb);
    }

    /**
     * The {@code a} smallest of {@code v[from, from + n)} into {@code out[0, a)}, ascending: what a sort would put
     * first, by insertion into a short sorted run (a is 2% of a band), without sorting the band every frame.
     */
    static void smallest(double[] v, int from, int n, int a, double[] out) {
        int count = 0;
        for (int i = from; i < from + n; i++) {
            double x = v[i];
            if (count == a && x >= out[a - 1]) {
                continue;
            }
            int j = count == a ? a - 2 : count - 1;
            while (j >= 0 && out[j] > x) {
                out[j + 1] = out[j];
                j--;
            }
            out[j + 1] = x;
            if (count < a) {
                count++;
            }
        }
    }

    /** The {@code a} largest of {@code v[from, from + n)} into {@code out[0, a)}, descending. */
    static void largest(double[] v, int from, int n, int a, double[] out) {
        int count = 0;
        for (int i = from; i < from + n; i++) {
            double x = v[i];
            if (count == a && x <= out[a - 1]) {
                continue;
            }
            int j = count == a ? a - 2 : count - 1;
            while (j >= 0 && out[j] < x) {
                out[j + 1] = out[j];
                j--;
            }
            out[j + 1] = x;
            if (count < a) {
                count++;
            }
        }
    }
}
