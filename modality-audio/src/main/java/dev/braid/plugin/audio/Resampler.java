package dev.braid.plugin.audio;

/**
 * Band-limited resampling by windowed-sinc interpolation (Hann window, 16 zero crossings each side), low-pass at
 * the lower of the two Nyquist rates so that downsampling does not alias. The kernel is tabulated once
 * (linear interpolation between table points). Immutable and thread-safe.
 */
final class Resampler {
    private static final int ZEROS = 16;
    private static final int TABLE_PER_ZERO = 512;
    /** {@code sinc(u) * hann(u / ZEROS)} for {@code u} in {@code [0, ZEROS]}, step {@code 1 / TABLE_PER_ZERO}. */
    private static final float[] KERNEL = kernel();

    private Resampler() {
    }

    static float[] resample(float[] x, double fromRate, double toRate) {
        if (fromRate == toRate || x.length == 0) {
            return x;
        }
        double ratio = toRate / fromRate;
        // Cut-off relative to the input Nyquist, slightly under to leave room for the transition band.
        double cutoff = Math.min(1.0, ratio) * 0.95;
        double halfWidth = ZEROS / cutoff;
        int n = Math.max(1, (int) Math.round(x.length * ratio));
        float[] y = new float[n];
        for (int j = 0; j < n; j++) {
            double t = j / ratio;
            int lo = Math.max(0, (int) Math.ceil(t - halfWidth));
            int hi = Math.min(x.length - 1, (int) Math.floor(t + halfWidth));
            double sum = 0;
            for (int i = lo; i <= hi; i++) {
                sum += x[i] * kernel(cutoff * Math.abs(t - i));
            }
            y[j] = (float) (sum * cutoff);
        }
        return y;
    }

    private static float kernel(double u) {
        double pos = u * TABLE_PER_ZERO;
        int i = (int) pos;
        if (i >= KERNEL.length - 1) {
            return 0f;
        }
        float frac = (float) (pos - i);
        return KERNEL[i] + frac * (KERNEL[i + 1] - KERNEL[i]);
    }

    private static float[] kernel() {
        float[] k = new float[ZEROS * TABLE_PER_ZERO + 2];
        for (int i = 0; i < k.length; i++) {
            double u = (double) i / TABLE_PER_ZERO;
            if (u >= ZEROS) {
                k[i] = 0f;
                continue;
            }
            double sinc = u == 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
            double window = 0.5 + 0.5 * Math.cos(Math.PI * u / ZEROS);
            k[i] = (float) (sinc * window);
        }
        return k;
    }
}
