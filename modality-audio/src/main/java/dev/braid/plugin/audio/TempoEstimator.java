package dev.braid.plugin.audio;

/**
 * Onset-based global tempo. The onset strength of frame {@code t >= 1} is the mean over mel bands of the positive
 * log-mel increase {@code max(0, L[t][m] - L[t-1][m])} (dB; frame 0 has 0). Its autocorrelation (mean removed)
 * is weighted by a log-normal prior over tempo ({@code exp(-0.5 log2(bpm / 120)^2)}, one octave standard
 * deviation, as librosa's default) for lags between {@code 30} and {@code 300} BPM; the best lag is refined by a
 * parabola through its neighbours. Result: tempo in BPM and the pulse strength {@code r(lag) / r(0)} in [-1, 1]
 * at the chosen integer lag. Clips too short to hold two periods of the slowest tempo that fits (fewer than
 * {@code 2 minLag + 2} frames), or with a flat onset curve, have no tempo: (0, 0).
 */
final class TempoEstimator {
    static final double MIN_BPM = 30;
    static final double MAX_BPM = 300;
    static final double PRIOR_BPM = 120;

    private TempoEstimator() {
    }

    /** {@code {bpm, strength}}. */
    static double[] estimate(double[][] logMel, double framesPerSecond) {
        int frames = logMel.length;
        double[] onset = onsetStrength(logMel);
        int minLag = Math.max(1, (int) Math.ceil(60 * framesPerSecond / MAX_BPM));
        int maxLag = Math.min(frames / 2, (int) Math.floor(60 * framesPerSecond / MIN_BPM));
        if (frames < 2 * minLag + 2 || maxLag < minLag) {
            return new double[] {0, 0};
        }
        double mean = 0;
        for (double v : onset) {
            mean += v;
        }
        mean /= frames;
        double[] o = new double[frames];
        for (int i = 0; i < frames; i++) {
            o[i] = onset[i] - mean;
        }
        double r0 = autocorrelation(o, 0);
        if (!(r0 > 1e-12)) {
            return new double[] {0, 0};
        }
        // Weighted autocorrelation for lags minLag - 1 .. maxLag + 1 (neighbours for the parabola).
        int lo = Math.max(1, minLag - 1);
        int hi = Math.min(frames - 1, maxLag + 1);
        double[] score = new double[hi + 1];
        double[] r = new double[hi + 1];
        for (int lag = lo; lag <= hi; lag++) {
            r[lag] = autocorrelation(o, lag);
            double bpm = 60 * framesPerSecond / lag;
            double octaves = Math.log(bpm / PRIOR_BPM) / Math.log(2);
            score[lag] = r[lag] * Math.exp(-0.5 * octaves * octaves);
        }
        int best = minLag;
        for (int lag = minLag; lag <= maxLag; lag++) {
            if (score[lag] > score[best]) {
                best = lag;
            }
        }
        double lag = best;
        if (best > lo && best < hi) {
            double a = score[best - 1];
            double b = score[best];
            double c = score[best + 1];
            double curvature = a - 2 * b + c;
            if (curvature < 0) {
                lag = best + 0.5 * (a - c) / curvature;
            }
        }
        return new double[] {60 * framesPerSecond / lag, r[best] / r0};
    }

    static double[] onsetStrength(double[][] logMel) {
        double[] onset = new double[logMel.length];
        for (int t = 1; t < logMel.length; t++) {
            double[] cur = logMel[t];
            double[] prev = logMel[t - 1];
            double s = 0;
            for (int m = 0; m < cur.length; m++) {
                s += Math.max(0, cur[m] - prev[m]);
            }
            onset[t] = s / cur.length;
        }
        return onset;
    }

    private static double autocorrelation(double[] o, int lag) {
        double s = 0;
        for (int i = lag; i < o.length; i++) {
            s += o[i] * o[i - lag];
        }
        return s;
    }
}
