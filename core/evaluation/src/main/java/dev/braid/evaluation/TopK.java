package dev.braid.evaluation;

/**
 * Keeps the k best (index, score) pairs seen so far in a bounded heap whose root is the worst kept pair: a partial
 * sort in {@code O(n log k)} without boxing. Higher scores win; equal scores go to the lower tie key (the evaluator
 * passes a seeded hash of user and item, see {@link TieBreak}), then to the lower index. Not thread-safe: one per
 * worker.
 */
final class TopK {
    private final int capacity;
    private final int[] index;
    private final float[] score;
    private final long[] tie;
    private int size;

    TopK(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("K must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.index = new int[capacity];
        this.score = new float[capacity];
        this.tie = new long[capacity];
    }

    void clear() {
        size = 0;
    }

    /** Offers item {@code i} with score {@code s}; among equal scores the lower {@code tieKey} wins. */
    void offer(int i, float s, long tieKey) {
        if (size < capacity) {
            index[size] = i;
            score[size] = s;
            tie[size] = tieKey;
            siftUp(size++);
        } else if (better(i, s, tieKey, 0)) {
            index[0] = i;
            score[0] = s;
            tie[0] = tieKey;
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
                tie[0] = tie[size];
                siftDown(0);
            }
        }
        return out;
    }

    /** Whether the pair (i, s, key) beats the kept pair at heap position {@code pos}. */
    private boolean better(int i, float s, long key, int pos) {
        float t = score[pos];
        return s > t || (s == t && (key < tie[pos] || (key == tie[pos] && i < index[pos])));
    }

    private boolean better(int posA, int posB) {
        return better(index[posA], score[posA], tie[posA], posB);
    }

    private void siftUp(int pos) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            // The root holds the worst pair: move up while this one is worse than its parent.
            if (!better(parent, pos)) {
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
            if (right < size && better(worst, right)) {
                worst = right;
            }
            if (!better(pos, worst)) {
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
        long k = tie[a];
        tie[a] = tie[b];
        tie[b] = k;
    }
}
