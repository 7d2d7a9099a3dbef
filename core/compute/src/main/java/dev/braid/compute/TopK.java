package dev.braid.compute;

/**
 * Top-K selection over a score array with a primitive bounded min-heap, as the SPI defines it: best first, ties
 * broken by lower index, NaN and negative infinity never returned. Once the heap is full, an entry costs one
 * comparison with the current threshold, so the common case reads the scores once at memory speed.
 */
public final class TopK {

    private TopK() {
    }

    /** The indices of the {@code k} largest entries of {@code scores[0..n)}, best first. */
    public static int[] select(float[] scores, int n, int k) {
        if (k <= 0 || n <= 0) {
            return new int[0];
        }
        int cap = Math.min(k, n);
        float[] hs = new float[cap];
        int[] hi = new int[cap];
        int size = 0;
        int i = 0;
        // Fill the heap with the first usable entries (a retrieval stage may leave a few scores among negative
        // infinities, so the heap may only fill near the end of the array).
        for (; i < n && size < cap; i++) {
            float s = scores[i];
            if (Float.isNaN(s) || s == Float.NEGATIVE_INFINITY) {
                continue;
            }
            hs[size] = s;
            hi[size] = i;
            siftUp(hs, hi, size++);
        }
        if (size < cap) {
            return drain(hs, hi, size);
        }
        // Scanning in increasing index order: an entry equal to the weakest kept one has a larger index and loses
        // the tie, so only strictly greater entries enter (NaN compares false and never enters). A plain loop with
        // one well-predicted branch per entry: a Vector API filter here was not always intrinsified once inlined
        // into large callers (JDK 17), and then allocated on every chunk.
        float threshold = hs[0];
        for (; i < n; i++) {
            if (scores[i] > threshold) {
                hs[0] = scores[i];
                hi[0] = i;
                siftDown(hs, hi, cap);
                threshold = hs[0];
            }
        }
        return drain(hs, hi, cap);
    }

    /**
     * A top-K selection fed in chunks, for scores produced a tile at a time (a blocked matrix product): the same
     * order as {@link #select} (best first, ties to the lower index, NaN and negative infinity never kept), provided
     * the chunks are offered in increasing index order.
     */
    public static final class Running {
        private final float[] hs;
        private final int[] hi;
        private int size;

        public Running(int k) {
            hs = new float[Math.max(0, k)];
            hi = new int[hs.length];
        }

        /** Offers {@code scores[from..from+n)} as the entries with indices {@code firstIndex..firstIndex+n). */
        public void offer(float[] scores, int from, int n, int firstIndex) {
            int cap = hs.length;
            int j = 0;
            for (; j < n && size < cap; j++) {
                float s = scores[from + j];
                if (Float.isNaN(s) || s == Float.NEGATIVE_INFINITY) {
                    continue;
                }
                hs[size] = s;
                hi[size] = firstIndex + j;
                siftUp(hs, hi, size++);
            }
            if (size < cap) {
                return;
            }
            float threshold = hs[0];
            for (; j < n; j++) {
                float s = scores[from + j];
                if (s > threshold) {
                    hs[0] = s;
                    hi[0] = firstIndex + j;
                    siftDown(hs, hi, cap);
                    threshold = hs[0];
                }
            }
        }

        /** The kept indices, best first; {@code scoresOut} (at least as long) receives their scores. Ends the use. */
        public int[] drain(float[] scoresOut) {
            int n = size;
            int[] out = TopK.drain(hs, hi, n);
            // drain leaves the heap arrays sorted best first: hs[i] is the score of out[i].
            System.arraycopy(hs, 0, scoresOut, 0, n);
            size = 0;
            return out;
        }
    }

    /** Heap order: the root is the weakest kept entry (lowest score; among equal scores the highest index). */
    private static boolean weaker(float sa, int ia, float sb, int ib) {
        return sa < sb || (sa == sb && ia > ib);
    }

    private static void siftUp(float[] hs, int[] hi, int at) {
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!weaker(hs[at], hi[at], hs[parent], hi[parent])) {
                return;
            }
            swap(hs, hi, at, parent);
            at = parent;
        }
    }

    private static void siftDown(float[] hs, int[] hi, int size) {
        int at = 0;
        while (true) {
            int l = 2 * at + 1;
            if (l >= size) {
                return;
            }
            int r = l + 1;
            int w = r < size && weaker(hs[r], hi[r], hs[l], hi[l]) ? r : l;
            if (!weaker(hs[w], hi[w], hs[at], hi[at])) {
                return;
            }
            swap(hs, hi, at, w);
            at = w;
        }
    }

    private static void swap(float[] hs, int[] hi, int a, int b) {
        float s = hs[a];
        hs[a] = hs[b];
        hs[b] = s;
        int t = hi[a];
        hi[a] = hi[b];
        hi[b] = t;
    }

    private static int[] drain(float[] hs, int[] hi, int size) {
        int[] out = new int[size];
        for (int n = size; n > 0; n--) {
            out[n - 1] = hi[0];
            swap(hs, hi, 0, n - 1);
            siftDown(hs, hi, n - 1);
        }
        return out;
    }
}
