package dev.braid.plugin.factorization;

/**
 * Row operations on flat row-major factor arrays: the dot product of every factor model's score, and the BPR
 * pairwise terms and SGD step that BPR and VBPR share.
 */
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

    /** {@code x + p[uo..] · (q[io..] - q[jo..])} over {@code k} factors: the factor part of a BPR pair's margin. */
    static float addPairMargin(float x, float[] p, int uo, float[] q, int io, int jo, int k) {
        for (int f = 0; f < k; f++) {
            x += p[uo + f] * (q[io + f] - q[jo + f]);
        }
        return x;
    }

    /**
     * One SGD step of the BPR factor terms for a pair (user {@code uo}, positive {@code io}, negative {@code jo})
     * with the loss gradient weight {@code z = σ(-margin)}, every factor L2-regularised by {@code reg}.
     */
    static void pairStep(float[] p, int uo, float[] q, int io, int jo, int k, float z, float lr, float reg) {
        for (int f = 0; f < k; f++) {
            float uf = p[uo + f];
            float qi = q[io + f];
            float qj = q[jo + f];
            p[uo + f] = uf + lr * (z * (qi - qj) - reg * uf);
            q[io + f] = qi + lr * (z * uf - reg * qi);
            q[jo + f] = qj + lr * (-z * uf - reg * qj);
        }
    }

    /** The same step for the item biases of the pair. */
    static void biasStep(float[] b, int i, int j, float z, float lr, float reg) {
        b[i] += lr * (z - reg * b[i]);
        b[j] += lr * (-z - reg * b[j]);
    }
}
