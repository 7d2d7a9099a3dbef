package dev.braid.plugin.factorization;

/** Dot products over rows of flat row-major factor arrays, the inner loop of every factor model's score. */
final class Vectors {

    private Vectors() {
    }

    /** {@code a[ao .. ao+n) · b[bo .. bo+n)}. */
    static float dot(float[] a, int ao, float[] b, int bo, int n) {
        float s = 0;
        for (int f = 0; f < n; f++) {
            s += a[ao + f] * b[bo + f];
        }
        return s;
    }
}
