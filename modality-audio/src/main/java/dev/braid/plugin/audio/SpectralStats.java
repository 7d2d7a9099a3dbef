package dev.braid.plugin.audio;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Frame-wise spectral statistics of a mono clip at a fixed rate; see {@link AudioStatsEncoder} for the vector
 * layout. One instance per configuration; {@link #analyse} allocates its own buffers and FFT, so it is
 * thread-safe.
 */
final class SpectralStats {
    /** Frames quieter than this RMS (about -80 dBFS) are "silent": they count for loudness only. */
    static final double SILENCE_RMS = 1e-4;
    /** Floor of the RMS before the log: -100 dBFS. */
    static final double RMS_FLOOR = 1e-5;
    /**
     * Floor of a band's share of the energy before log10, so bands run from -3 (empty) to 0: leakage and noise
     * more than 30 dB below the frame's energy read exactly as empty, and clips that differ only in their noise
     * floor get identical profiles (per-dimension standardisation downstream would otherwise amplify it).
     */
    static final double BAND_FLOOR = 1e-3;
    static final int SCALARS = 12;

    private final double sampleRate;
    private final int frameSize;
    private final int hopSize;
    private final int bands;
    private final double[] window;
    /** For each band, per FFT bin, the fraction of the bin's bandwidth that falls in the band. */
    private final double[][] bandWeights;

    SpectralStats(double sampleRate, int frameSize, int hopSize, int bands, double minFrequency) {
        this.sampleRate = sampleRate;
        this.frameSize = frameSize;
        this.hopSize = hopSize;
        this.bands = bands;
        this.window = new double[frameSize];
        for (int i = 0; i < frameSize; i++) {
            // Periodic Hann.
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / frameSize);
        }
        this.bandWeights = bandWeights(sampleRate, frameSize, bands, minFrequency);
    }

    int dimension() {
        return SCALARS + bands;
    }

    /** The feature vector of a clip with at least one sample. */
    float[] analyse(float[] x) {
        int frames = x.length <= frameSize ? 1 : 1 + (x.length - frameSize) / hopSize;
        int nyquistBin = frameSize / 2;
        double binHz = sampleRate / frameSize;
        DoubleFFT_1D fft = new DoubleFFT_1D(frameSize);
        double[] buf = new double[frameSize];
        double[] power = new double[nyquistBin + 1];
        double[] bandSum = new double[bands];
        double[] bandEnergy = new double[bands];
        Moments rms = new Moments();
        Moments zcr = new Moments();
        Moments centroid = new Moments();
        Moments bandwidth = new Moments();
        Moments rolloff = new Moments();
        Moments flatness = new Moments();
        int voiced = 0;
        // A clip shorter than a frame is zero-padded on both sides, so that it sits under the window's peak.
        int shift = x.length < frameSize ? (frameSize - x.length) / 2 : 0;
        for (int f = 0; f < frames; f++) {
            int start = f * hopSize - shift;
            double energy = 0;
            int crossings = 0;
            for (int i = 0; i < frameSize; i++) {
                int j = start + i;
                double s = j >= 0 && j < x.length ? x[j] : 0;
                energy += s * s;
                if (i > 0 && (s >= 0) != (buf[i - 1] >= 0)) {
                    crossings++;
                }
                buf[i] = s;
            }
            double frameRms = Math.sqrt(energy / frameSize);
            rms.add(20 * Math.log10(Math.max(frameRms, RMS_FLOOR)));
            if (frameRms < SILENCE_RMS) {
                continue;
            }
            for (int i = 0; i < frameSize; i++) {
                buf[i] *= window[i];
            }
            fft.realForward(buf);
            // JTransforms packs Re[0], Re[n/2], then (Re, Im) pairs.
            power[0] = buf[0] * buf[0];
            power[nyquistBin] = buf[1] * buf[1];
            for (int k = 1; k < nyquistBin; k++) {
                power[k] = buf[2 * k] * buf[2 * k] + buf[2 * k + 1] * buf[2 * k + 1];
            }
            double weighted = 0;
            double totalPower = 0;
            double maxPower = 0;
            for (int k = 0; k <= nyquistBin; k++) {
                weighted += k * binHz * power[k];
                totalPower += power[k];
                maxPower = Math.max(maxPower, power[k]);
            }
            if (!(totalPower > 0)) {
                // Energy only where the window is zero (e.g. a single sample at a frame edge): nothing to analyse.
                continue;
            }
            voiced++;
            zcr.add((double) crossings / (frameSize - 1));
            // Power weighting keeps the centroid on the dominant partials even over a quantisation-noise floor.
            double c = weighted / totalPower;
            double spread = 0;
            for (int k = 0; k <= nyquistBin; k++) {
                double d = k * binHz - c;
                spread += d * d * power[k];
            }
            double cumulative = 0;
            int roll = nyquistBin;
            for (int k = 0; k <= nyquistBin; k++) {
                cumulative += power[k];
                if (cumulative >= 0.85 * totalPower) {
                    roll = k;
                    break;
                }
            }
            // Flatness on power relative to the frame's peak, so the floor does not depend on loudness.
            double logSum = 0;
            double linSum = 0;
            for (int k = 0; k <= nyquistBin; k++) {
                double p = power[k] / maxPower + 1e-10;
                logSum += Math.log(p);
                linSum += p;
            }
            centroid.add(Math.log1p(c));
            bandwidth.add(Math.log1p(Math.sqrt(spread / totalPower)));
            rolloff.add(Math.log1p(roll * binHz));
            flatness.add(Math.exp(logSum / (nyquistBin + 1)) / (linSum / (nyquistBin + 1)));
            double inRange = 0;
            for (int b = 0; b < bands; b++) {
                double e = 0;
                double[] w = bandWeights[b];
                for (int k = 0; k <= nyquistBin; k++) {
                    e += w[k] * power[k];
                }
                bandEnergy[b] = e;
                inRange += e;
            }
            for (int b = 0; b < bands; b++) {
                bandSum[b] += Math.log10(Math.max(inRange > 0 ? bandEnergy[b] / inRange : 0, BAND_FLOOR));
            }
        }
        float[] v = new float[dimension()];
        rms.write(v, AudioStatsEncoder.RMS_DB);
        zcr.write(v, AudioStatsEncoder.ZCR);
        centroid.write(v, AudioStatsEncoder.LOG_CENTROID);
        bandwidth.write(v, AudioStatsEncoder.LOG_BANDWIDTH);
        rolloff.write(v, AudioStatsEncoder.LOG_ROLLOFF);
        flatness.write(v, AudioStatsEncoder.FLATNESS);
        for (int b = 0; b < bands; b++) {
            v[SCALARS + b] = (float) (voiced == 0 ? Math.log10(BAND_FLOOR) : bandSum[b] / voiced);
        }
        return v;
    }

    /**
     * Triangular bands on a log-frequency axis: {@code bands} centres log-spaced strictly between
     * {@code minFrequency} and Nyquist, each band rising from the previous centre to its own and falling to the
     * next (the outer bands start at {@code minFrequency} and end at Nyquist). Neighbouring bands overlap, so a
     * partial moving across a band boundary (a slightly detuned note) shifts weight smoothly instead of jumping.
     * Each FFT bin is weighted by the band's triangle at the bin's frequency.
     */
    private static double[][] bandWeights(double rate, int n, int bands, double minFrequency) {
        double nyquist = rate / 2;
        double binHz = rate / n;
        double logMin = Math.log(minFrequency);
        double step = (Math.log(nyquist) - logMin) / (bands + 1);
        double[][] w = new double[bands][n / 2 + 1];
        for (int b = 0; b < bands; b++) {
            double lo = logMin + b * step;
            double centre = lo + step;
            double hi = centre + step;
            for (int k = 1; k <= n / 2; k++) {
                double lf = Math.log(k * binHz);
                if (lf > lo && lf < hi) {
                    w[b][k] = lf <= centre ? (lf - lo) / step : (hi - lf) / step;
                }
            }
        }
        return w;
    }
}
