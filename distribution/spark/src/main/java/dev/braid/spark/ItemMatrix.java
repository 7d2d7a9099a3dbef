package dev.braid.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Item vectors in one contiguous array, broadcast to every executor for batch scoring: {@code rows x dim} floats,
 * row {@code i} being item {@code ids[i]}. Exact top-K per user: a dot product with every row, a bounded heap.
 */
final class ItemMatrix implements Serializable {
    final String[] ids;
    final float[] values;
    final int dim;
    private transient Map<String, Integer> index;

    ItemMatrix(String[] ids, float[] values, int dim) {
        this.ids = ids;
        this.values = values;
        this.dim = dim;
    }

    /** Builds the matrix from (id, vector) pairs, optionally scaling every row to unit length. */
    static ItemMatrix of(List<String> ids, List<float[]> vectors, boolean unit) {
        int dim = vectors.isEmpty() ? 0 : vectors.get(0).length;
        float[] values = new float[ids.size() * dim];
        for (int i = 0; i < ids.size(); i++) {
            float[] v = vectors.get(i);
            double norm = 0;
            for (float x : v) {
                norm += (double) x * x;
            }
            float scale = unit && norm > 0 ? (float) (1 / Math.sqrt(norm)) : 1f;
            for (int k = 0; k < dim; k++) {
                values[i * dim + k] = v[k] * scale;
            }
        }
        return new ItemMatrix(ids.toArray(String[]::new), values, dim);
    }

    int rows() {
        return ids.length;
    }

    /** The row of an item id, or -1. */
    int indexOf(String id) {
        if (index == null) {
            Map<String, Integer> m = new HashMap<>(ids.length * 2);
            for (int i = 0; i < ids.length; i++) {
                m.put(ids[i], i);
            }
            index = m;
        }
        return index.getOrDefault(id, -1);
    }

    /** One scored item of a top-K list. */
    record Scored(int item, float score) {
    }

    /**
     * The {@code k} rows with the highest dot product with {@code query}, best first; rows flagged in {@code skip}
     * are left out. Equal scores rank the lower row first.
     */
    Scored[] topK(float[] query, int k, java.util.BitSet skip) {
        PriorityQueue<Scored> heap = new PriorityQueue<>(k + 1, (a, b) -> a.score() != b.score()
                ? Float.compare(a.score(), b.score()) : Integer.compare(b.item(), a.item()));
        for (int i = 0; i < ids.length; i++) {
            if (skip != null && skip.get(i)) {
                continue;
            }
            float s = 0;
            int base = i * dim;
            for (int d = 0; d < dim; d++) {
                s += values[base + d] * query[d];
            }
            if (heap.size() < k) {
                heap.add(new Scored(i, s));
            } else {
                Scored worst = heap.peek();
                if (s > worst.score() || (s == worst.score() && i < worst.item())) {
                    heap.poll();
                    heap.add(new Scored(i, s));
                }
            }
        }
        Scored[] out = new Scored[heap.size()];
        for (int r = out.length - 1; r >= 0; r--) {
            out[r] = heap.poll();
        }
        return out;
    }
}
