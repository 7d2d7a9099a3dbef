package dev.braid.runtime.serve;

import dev.braid.api.compute.ComputeBackend;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.runtime.generation.Generation;
import io.javalin.http.HttpResponseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Items similar to an item: exact cosine over a generation's fused item vectors (unit rows prepared once per
 * generation and dropped with it), top-k through the compute backend.
 */
final class SimilarItems {
    /** A generation's unit-length fused rows. */
    private record Unit(float[] rows, int count, int dim, java.util.BitSet present) {
    }

    /** One neighbour. */
    record Neighbour(int index, float cosine) {
    }

    private final ComputeBackend backend;
    private final Map<Generation, Unit> units = Collections.synchronizedMap(new WeakHashMap<>());

    SimilarItems(ComputeBackend backend) {
        this.backend = backend;
    }

    /**
     * The k items most similar to the item at {@code index}, best first, itself excluded.
     *
     * @throws HttpResponseException 409 when the generation has no item vectors, 422 when this item has none
     */
    List<Neighbour> similar(Generation g, int index, int k) {
        Unit u = units.computeIfAbsent(g, SimilarItems::prepare);
        if (u == null) {
            throw new HttpResponseException(409, "the live pipeline of this variant has no item vectors (no "
                    + "encoders), so there is no similarity between items");
        }
        if (!u.present().get(index)) {
            throw new HttpResponseException(422, "item '" + g.catalog().item(index).id()
                    + "' has no vector in this pipeline");
        }
        float[] q = new float[u.dim()];
        System.arraycopy(u.rows(), index * u.dim(), q, 0, u.dim());
        float[] scores = new float[u.count()];
        backend.matvec(u.rows(), u.count(), u.dim(), q, scores);
        for (int i = 0; i < scores.length; i++) {
            if (!u.present().get(i)) {
                scores[i] = Float.NEGATIVE_INFINITY;
            }
        }
        scores[index] = Float.NEGATIVE_INFINITY;
        int[] top = backend.topK(scores, Math.min(k, scores.length));
        List<Neighbour> out = new ArrayList<>(top.length);
        for (int i : top) {
            if (scores[i] != Float.NEGATIVE_INFINITY) {
                out.add(new Neighbour(i, scores[i]));
            }
        }
        return out;
    }

    private static Unit prepare(Generation g) {
        FeatureMatrix m = g.features().fused().orElse(null);
        if (m == null || m.presentCount() == 0) {
            return null;
        }
        int n = m.rows();
        int d = m.dim();
        float[] rows = m.sharedValues().clone();
        for (int r = 0; r < n; r++) {
            double s = 0;
            for (int c = 0; c < d; c++) {
                float v = rows[r * d + c];
                s += v * v;
            }
            if (s > 0) {
                float inv = (float) (1 / Math.sqrt(s));
                for (int c = 0; c < d; c++) {
                    rows[r * d + c] *= inv;
                }
            }
        }
        java.util.BitSet present = m.presence();
        for (int r = 0; r < n; r++) {
            if (present.get(r)) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    s += rows[r * d + c] * rows[r * d + c];
                }
                if (s == 0) {
                    present.clear(r);
                }
            }
        }
        return new Unit(rows, n, d, present);
    }
}
