package dev.braid.evaluation;

/**
 * Keeps the k best (index, score) pairs seen so far in a bounded heap whose root is the worst kept pair: a partial
 * sort in {@code O(n log k)} without boxing. Higher scores win; equal scores go to the lower index. Not
 * thread-safe: one per worker.
 */
final class TopK {
    private final int capacity;
    private final int[] index;
    private final float[] score;
    private int size;

    TopK(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("K must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.index = new int[capacity];
        this.score = new float[capacity];
    }

    void clear() {
        size = 0;
    }

    void offer(int i, float s) {
        if (size < capacity) {
            index[size] = i;
            score[size] = s;
            siftUp(size++);
        } else if (better(i, s, index[0], score[0])) {
            index[0] = i;
            score[0] = s;
            siftDown(0);
        }
    }

    /** The kept indices, best first; empties the heap. */
    int[] drainBestFirst() {
        int[] out = new int[size];
        for (int pos = size - 1; pos >= 0; pos--) {
            out[pos] = index[0];
            size--;
            if (size > 0) {
                index[0] = index[size];
                score[0] = score[size];
                siftDown(0);
            }
        }
        return out;
    }

    private static boolean better(int i, float s, int j, float t) {
        return s > t || (s == t && i < j);
    }

    private void siftUp(int pos) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            // The root holds the worst pair: move up while this one is worse than its parent.
            if (!better(index[parent], score[parent], index[pos], score[pos])) {
                return;
            }
            swap(pos, parent);
            pos = parent;
        }
    }

    private void siftDown(int pos) {
        while (true) {
            int left = 2 * pos + 1;
            if (left >= size) {
                return;
            }
            int worst = left;
            int right = left + 1;
            if (right < size && better(index[worst], score[worst], index[right], score[right])) {
                worst = right;
            }
            if (!better(index[pos], score[pos], index[worst], score[worst])) {
                return;
            }
            swap(pos, worst);
            pos = worst;
        }
    }

    private void swap(int a, int b) {
        int i = index[a];
        index[a] = index[b];
        index[b] = i;
        float s = score[a];
        score[a] = score[b];
        score[b] = s;
    }
}
