package dev.braid.plugin.audio;

/** Running mean and population standard deviation of a series (Welford's update); an empty one gives 0 and 0. */
final class Moments {
    private long n;
    private double mean;
    private double m2;

    /** The moments of {@code series}. */
    static Moments of(double[] series) {
        Moments m = new Moments();
        for (double x : series) {
            m.add(x);
        }
        return m;
    }

    void add(double x) {
        n++;
        double d = x - mean;
        mean += d / n;
        m2 += d * (x - mean);
    }

    double mean() {
        return mean;
    }

    double std() {
        return n == 0 ? 0 : Math.sqrt(m2 / n);
    }

    /** Writes the mean at {@code at} and the standard deviation after it. */
    void write(float[] v, int at) {
        v[at] = (float) mean();
        v[at + 1] = (float) std();
    }
}
