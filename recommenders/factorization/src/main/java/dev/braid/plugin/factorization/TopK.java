package dev.braid.plugin.factorization;

/** Top-K selection over a score array with a small insertion buffer (K is small, e.g. 10). */
final class TopK {
    private TopK() {
    }

    /**
     * Writes the indices of the {@code out.length} highest finite scores into {@code out}, best first (ties to the
     * lower index), and returns how many were found.
     */
    static int select(float[] scores, int[] out) {
        int k = out.length;
        float[] best = new float[k];
        int n = 0;
        for (int i = 0; i < scores.length; i++) {
            float s = scores[i];
            if (!(s > Float.NEGATIVE_INFINITY)) {
                continue; // -inf and NaN never rank
            }
            if (n == k && !(s > best[k - 1])) {
                continue;
            }
            int pos = n < k ? n++ : k - 1;
            while (pos > 0 && s > best[pos - 1]) {
                best[pos] = best[pos - 1];
                out[pos] = out[pos - 1];
                pos--;
            }
            best[pos] = s;
            out[pos] = i;
        }
        return n;
    }
}
