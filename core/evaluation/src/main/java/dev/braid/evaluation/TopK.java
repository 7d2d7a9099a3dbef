package dev.braid.evaluation;

import java.util.PriorityQueue;

/**
 * Keeps the k best (index, score) pairs seen so far in a bounded priority queue whose head is the worst kept pair: a
 * partial sort in {@code O(n log k)}. Higher scores win; equal scores go to the lower tie key (the evaluator passes
 * a seeded hash of user and item, see {@link TieBreak}), then to the lower index. A pair that does not beat the
 * worst kept one costs one comparison and no allocation. Not thread-safe: one per worker.
 */
final class TopK {
    private final int capacity;
    private final PriorityQueue<Ranked> worstFirst;

    TopK(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("K must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        // The head is the pair every other beats.
        this.worstFirst = new PriorityQueue<>(capacity, (a, b) -> a.ranksBelow(b.index, b.score, b.tie) ? -1
                : b.ranksBelow(a.index, a.score, a.tie) ? 1 : 0);
    }

    void clear() {
        worstFirst.clear();
    }

    /** Offers item {@code i} with score {@code s}; among equal scores the lower {@code tieKey} wins. */
    void offer(int i, float s, long tieKey) {
        if (worstFirst.size() < capacity) {
            worstFirst.add(new Ranked(i, s, tieKey));
        } else if (worstFirst.peek().ranksBelow(i, s, tieKey)) {
            worstFirst.poll();
            worstFirst.add(new Ranked(i, s, tieKey));
        }
    }

    /** The kept indices, best first; empties the queue. */
    int[] drainBestFirst() {
        int[] out = new int[worstFirst.size()];
        for (int pos = out.length - 1; pos >= 0; pos--) {
            out[pos] = worstFirst.poll().index;
        }
        return out;
    }

    /** One kept pair. */
    private record Ranked(int index, float score, long tie) {
        /** Whether (i, s, key) ranks above this pair: a higher score, then a lower tie key, then a lower index. */
        boolean ranksBelow(int i, float s, long key) {
            return s > score || (s == score && (key < tie || (key == tie && i < index)));
        }
    }
}
