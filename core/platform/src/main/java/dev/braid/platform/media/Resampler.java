package dev.braid.platform.media;

/**
 * Band-limited resampling by windowed-sinc interpolation (Hann window, 16 zero crossings each side), low-pass at
 * the lower of the two Nyquist rates so that downsampling does not alias. Immutable and thread-safe.
 *
 * <p>Between integer rates whose ratio reduces to {@code up / down} with at most {@link #MAX_PHASES} phases (44.1 to
 * 22.05 kHz has one, 48 to 22.05 kHz has 147), output sample {@code j} falls at input position
 * {@code j down / up}, whose fractional part takes only {@code up} values: the filter taps of each phase are
 * computed once, exactly, and every output is a plain dot product (polyphase filtering). Other ratios evaluate the
 * kernel per tap from a table (linear interpolation between table points).
 */
public final class Resampler {
    private static final int ZEROS = 16;
    private static final int TABLE_PER_ZERO = 512;
    private static final int MAX_PHASES = 4096;
    /** {@code sinc(u) * hann(u / ZEROS)} for {@code u} in {@code [0, ZEROS]}, step {@code 1 / TABLE_PER_ZERO}. */
    private static final float[] KERNEL = kernelTable();

    private Resampler() {
    }

    /** {@code x} sampled at {@code fromRate} as sampled at {@code toRate} (the same array when the rates agree). */
    public static float[] resample(float[] x, double fromRate, double toRate) {
        if (fromRate == toRate || x.length == 0) {
            return x;
        }
        double ratio = toRate / fromRate;
        // Cut-off relative to the input Nyquist, slightly under to leave room for the transition band.
        double cutoff = Math.min(1.0, ratio) * 0.95;
        int n = Math.max(1, (int) Math.round(x.length * ratio));
        if (fromRate == Math.rint(fromRate) && toRate == Math.rint(toRate)) {
            long g = gcd((long) fromRate, (long) toRate);
            long up = (long) toRate / g;
            long down = (long) fromRate / g;
            if (up <= MAX_PHASES) {
                return polyphase(x, n, (int) up, down, cutoff);
            }
        }
        return direct(x, n, ratio, cutoff);
    }

    private static float[] polyphase(float[] x, int n, int up, long down, double cutoff) {
        double halfWidth = ZEROS / cutoff;
        int[] first = new int[up];
        float[][] taps = new float[up][];
        for (int p = 0; p < up; p++) {
            double f = (double) p / up;
            first[p] = (int) Math.ceil(f - halfWidth);
            int last = (int) Math.floor(f + halfWidth);
            float[] c = new float[last - first[p] + 1];
            for (int k = 0; k < c.length; k++) {
                c[k] = (float) (kernel(cutoff * Math.abs(f - (first[p] + k))) * cutoff);
            }
            taps[p] = c;
        }
        float[] y = new float[n];
        for (int j = 0; j < n; j++) {
            long position = j * down;
            int base = (int) (position / up);
            int phase = (int) (position % up);
            float[] c = taps[phase];
            int lo = base + first[phase];
            int from = Math.max(0, -lo);
            int to = Math.min(c.length, x.length - lo);
            double sum = 0;
            for (int k = from; k < to; k++) {
                sum += x[lo + k] * c[k];
            }
            y[j] = (float) sum;
        }
        return y;
    }

    /** Kernel evaluated per tap from the table: any ratio (and the reference for the polyphase path's tests). */
    static float[] direct(float[] x, int n, double ratio, double cutoff) {
        double halfWidth = ZEROS / cutoff;
        float[] y = new float[n];
        for (int j = 0; j < n; j++) {
            double t = j / ratio;
            int lo = Math.max(0, (int) Math.ceil(t - halfWidth));
            int hi = Math.min(x.length - 1, (int) Math.floor(t + halfWidth));
            double sum = 0;
            for (int i = lo; i <= hi; i++) {
                sum += x[i] * tabulated(cutoff * Math.abs(t - i));
            }
            y[j] = (float) (sum * cutoff);
        }
        return y;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** The windowed sinc at {@code u >= 0}, zero from {@code ZEROS} on. */
    private static double kernel(double u) {
        if (u >= ZEROS) {
            return 0;
        }
        double sinc = u == 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
        return sinc * (0.5 + 0.5 * Math.cos(Math.PI * u / ZEROS));
    }

    private static float tabulated(double u) {
        double pos = u * TABLE_PER_ZERO;
        int i = (int) pos;
        if (i >= KERNEL.length - 1) {
            return 0f;
        }
        float frac = (float) (pos - i);
        return KERNEL[i] + frac * (KERNEL[i + 1] - KERNEL[i]);
    }

    private static float[] kernelTable() {
        float[] k = new float[ZEROS * TABLE_PER_ZERO + 2];
        for (int i = 0; i < k.length; i++) {
            k[i] = (float) kernel((double) i / TABLE_PER_ZERO);
        }
        return k;
    }
}
