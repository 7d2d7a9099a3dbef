package dev.braid.runtime.query;

import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.ScoredItem;
import dev.braid.runtime.generation.Generation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The fallback for users the training data does not know: items ranked by how many training users interacted with
 * them (ties in catalog order), among the items the generation's chain lets through for the same request (so rules
 * and exclusions still hold). Items nobody interacted with are never offered. Counts are computed once per training
 * matrix (generations over the same data share it) and dropped with it.
 */
final class Popularity {
    private final Map<InteractionMatrix, int[]> counts = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * The k most popular items for a request without a known user.
     *
     * @param reason the reason every item carries, e.g. "popular: user unknown"
     */
    List<ScoredItem> top(Generation g, UserQuery q, String reason) {
        int[] degree = counts.computeIfAbsent(g.data().train(), InteractionMatrix::itemDegrees);
        float[] chain = new float[g.catalog().size()];
        g.score(new Query(null, null, q.exclude(), q.params()), chain);
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < chain.length; i++) {
            if (degree[i] > 0 && chain[i] != Float.NEGATIVE_INFINITY && !Float.isNaN(chain[i])) {
                kept.add(i);
            }
        }
        kept.sort(Comparator.<Integer>comparingInt(i -> -degree[i]).thenComparingInt(i -> i));
        List<ScoredItem> out = new ArrayList<>(Math.min(q.k(), kept.size()));
        for (int i : kept.subList(0, Math.min(q.k(), kept.size()))) {
            out.add(new ScoredItem(g.catalog().item(i).id(), degree[i], List.of(reason)));
        }
        return out;
    }
}
