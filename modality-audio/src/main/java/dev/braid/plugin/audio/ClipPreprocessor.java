package dev.braid.plugin.audio;

import java.util.Arrays;

/**
 * Optional preprocessing of a mono clip before feature extraction.
 * <ul>
 *   <li><b>Silence trimming</b> (as librosa's {@code effects.trim}): frame RMS over {@code frameSize} samples every
 *       {@code hopSize}; leading and trailing frames more than {@code trimDb} below the loudest frame are cut (the
 *       kept span runs from the first loud frame's start to the last loud frame's end). A clip whose loudest frame
 *       is below -100 dBFS (digital silence) is left as it is: there is nothing to trim towards.</li>
 *   <li><b>Loudness normalisation</b> (RMS, not K-weighted): gain to bring the clip's RMS to {@code targetDbfs},
 *       capped at {@code maxGainDb} (so near-silence is not blown up into noise) and so that the peak stays at or
 *       below full scale (no clipping). Silent clips are left as they are.</li>
 * </ul>
 * Immutable and thread-safe.
 *
 * @param trim        whether to trim leading and trailing silence
 * @param trimDb      threshold below the loudest frame, dB (positive)
 * @param normalize   whether to normalise loudness
 * @param targetDbfs  target RMS, dBFS
 * @param maxGainDb   largest gain normalisation may apply, dB
 * @param frameSize   trimming frame, samples
 * @param hopSize     trimming hop, samples
 */
record ClipPreprocessor(boolean trim, double trimDb, boolean normalize, double targetDbfs, double maxGainDb,
        int frameSize, int hopSize) {
    static final double SILENCE_RMS = 1e-5;

    float[] apply(float[] x) {
        float[] y = trim ? trim(x) : x;
        return normalize ? normalize(y) : y;
    }

    float[] trim(float[] x) {
        int frames = x.length <= frameSize ? 1 : 1 + (x.length - frameSize + hopSize - 1) / hopSize;
        double[] rms = new double[frames];
        double max = 0;
        for (int t = 0; t < frames; t++) {
            int start = t * hopSize;
            int end = Math.min(x.length, start + frameSize);
            double e = 0;
            for (int i = start; i < end; i++) {
                e += (double) x[i] * x[i];
            }
            rms[t] = Math.sqrt(e / frameSize);
            max = Math.max(max, rms[t]);
        }
        if (max < SILENCE_RMS) {
            return x;
        }
        double threshold = max * Math.pow(10, -trimDb / 20);
        int first = 0;
        while (rms[first] < threshold) {
            first++;
        }
        int last = frames - 1;
        while (rms[last] < threshold) {
            last--;
        }
        int from = first * hopSize;
        int to = Math.min(x.length, last * hopSize + frameSize);
        return from == 0 && to == x.length ? x : Arrays.copyOfRange(x, from, to);
    }

    float[] normalize(float[] x) {
        double e = 0;
        double peak = 0;
        for (float v : x) {
            e += (double) v * v;
            peak = Math.max(peak, Math.abs(v));
        }
        double rms = Math.sqrt(e / x.length);
        if (rms < SILENCE_RMS) {
            return x;
        }
        double gain = Math.pow(10, targetDbfs / 20) / rms;
        gain = Math.min(gain, Math.pow(10, maxGainDb / 20));
        gain = Math.min(gain, 1 / peak);
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (x[i] * gain);
        }
        return y;
    }
}
