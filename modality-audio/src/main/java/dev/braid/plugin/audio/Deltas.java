package dev.braid.plugin.audio;

/**
 * Regression deltas over frames (HTK style): {@code d_t = sum_{n=1..N} n (c_{t+n} - c_{t-n}) / (2 sum n^2)} with
 * {@code N = 2}, frames beyond either end replaced by the end frame. A single frame has zero deltas.
 */
final class Deltas {
    static final int WIDTH = 2;

    private Deltas() {
    }

    /** Deltas of {@code c[frames][dims]}. */
    static double[][] of(double[][] c) {
        int frames = c.length;
        double[][] d = new double[frames][];
        double denominator = 0;
        for (int n = 1; n <= WIDTH; n++) {
            denominator += 2.0 * n * n;
        }
        for (int t = 0; t < frames; t++) {
            int dims = c[t].length;
            double[] row = new double[dims];
            for (int n = 1; n <= WIDTH; n++) {
                double[] next = c[Math.min(frames - 1, t + n)];
                double[] prev = c[Math.max(0, t - n)];
                for (int i = 0; i < dims; i++) {
                    row[i] += n * (next[i] - prev[i]);
                }
            }
            for (int i = 0; i < dims; i++) {
                row[i] /= denominator;
            }
            d[t] = row;
        }
        return d;
    }
}
