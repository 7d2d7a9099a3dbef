package dev.braid.spark;

import dev.braid.api.compute.ComputeBackend;
import dev.braid.compute.TopK;
import java.io.Serializable;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Item vectors in one contiguous array, broadcast to every executor for batch scoring: {@code rows x dim} floats,
 * row {@code i} being item {@code ids[i]}. Exact top-K per user: a dot product with every row, a bounded heap.
 * {@link #topK(float[], int, int, BitSet[], ComputeBackend)} scores a block of users at once, one matrix product per
 * tile of items through the compute backend, which is what makes batch recommendation run at GEMM speed.
 */
final class ItemMatrix implements Serializable {
    final String[] ids;
    final float[] values;
    final int dim;
    private transient Map<String, Integer> index;
    /** Items per tile of the blocked product: a tile's scores for a block of users stay in cache. */
    static final int TILE = 4096;
    /** Tile {@code t}: rows {@code [t*TILE, ...)} transposed ({@code dim x width}), built once per JVM. */
    private transient volatile float[][] tiles;

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

    /**
     * Exact top-{@code k} for each of {@code count} queries ({@code queries} holds them as rows of {@code dim}
     * floats), best first, ties to the lower row as in {@link #topK(float[], int, BitSet)}; {@code skip[u]} (or a
     * null entry) flags the rows left out for query {@code u}. Scores come from the backend's matrix product, so
     * they agree with the one-query path within the backend's tolerance, not to the last bit.
     */
    Scored[][] topK(float[] queries, int count, int k, BitSet[] skip, ComputeBackend backend) {
        float[][] t = tiles();
        TopK.Running[] running = new TopK.Running[count];
        for (int u = 0; u < count; u++) {
            running[u] = new TopK.Running(Math.min(k, ids.length));
        }
        float[] scores = new float[count * Math.min(TILE, Math.max(1, ids.length))];
        for (int tile = 0; tile < t.length; tile++) {
            int first = tile * TILE;
            int width = Math.min(TILE, ids.length - first);
            backend.matmul(queries, t[tile], scores, count, dim, width);
            for (int u = 0; u < count; u++) {
                int row = u * width;
                BitSet s = skip == null ? null : skip[u];
                if (s != null) {
                    for (int i = s.nextSetBit(first); i >= 0 && i < first + width; i = s.nextSetBit(i + 1)) {
                        scores[row + i - first] = Float.NEGATIVE_INFINITY;
                    }
                }
                running[u].offer(scores, row, width, first);
            }
        }
        Scored[][] out = new Scored[count][];
        float[] kept = new float[Math.max(1, Math.min(k, ids.length))];
        for (int u = 0; u < count; u++) {
            int[] top = running[u].drain(kept);
            out[u] = new Scored[top.length];
            for (int r = 0; r < top.length; r++) {
                out[u][r] = new Scored(top[r], kept[r]);
            }
        }
        return out;
    }

    private float[][] tiles() {
        float[][] t = tiles;
        if (t == null) {
            synchronized (this) {
                t = tiles;
                if (t == null) {
                    t = new float[(ids.length + TILE - 1) / TILE][];
                    for (int tile = 0; tile < t.length; tile++) {
                        int first = tile * TILE;
                        int width = Math.min(TILE, ids.length - first);
                        float[] tt = new float[dim * width];
                        for (int i = 0; i < width; i++) {
                            for (int d = 0; d < dim; d++) {
                                tt[d * width + i] = values[(first + i) * dim + d];
                            }
                        }
                        t[tile] = tt;
                    }
                    tiles = t;
                }
            }
        }
        return t;
    }
}
