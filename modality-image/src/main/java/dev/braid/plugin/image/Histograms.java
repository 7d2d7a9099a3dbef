package dev.braid.plugin.image;

/** Small vector helpers shared by the image features. */
final class Histograms {

    private Histograms() {
    }

    /**
     * Hellinger embedding in place: scale to sum 1, then square-root each bin, so that the dot product of two
     * embedded histograms is their Bhattacharyya coefficient and the L2 norm is 1.
     *
     * @return false (and the array untouched) when the histogram is empty
     */
    static boolean hellinger(float[] h) {
        double sum = 0;
        for (float x : h) {
            sum += x;
        }
        if (!(sum > 0)) {
            return false;
        }
        for (int i = 0; i < h.length; i++) {
            h[i] = (float) Math.sqrt(h[i] / sum);
        }
        return true;
    }

    /** Scales to unit L2 norm in place; returns false for a zero vector. */
    static boolean l2Normalize(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        if (!(s > 0)) {
            return false;
        }
        float inv = (float) (1 / Math.sqrt(s));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return true;
    }
}
