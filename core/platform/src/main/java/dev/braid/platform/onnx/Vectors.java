package dev.braid.platform.onnx;

/** Small vector helpers. */
public final class Vectors {

    private Vectors() {
    }

    /** Scales the vector to unit L2 norm in place (a zero vector stays zero); returns it. */
    public static float[] l2Normalize(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        if (sum > 0) {
            float inv = (float) (1.0 / Math.sqrt(sum));
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
        }
        return v;
    }
}
