package dev.braid.runtime.pipeline;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.ScoredItem;
import dev.braid.evaluation.metrics.RankingMetrics;
import dev.braid.runtime.generation.Generation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The sampled-candidate protocol of zero-shot LLM rankers (LLMRank, Hou et al., ECIR 2024): for each test user,
 * the held-out item (the latest test interaction) and {@code n - 1} items the user never interacted with, drawn
 * uniformly with a seed, are ranked by the whole chain including its rerankers (so {@code llm-rerank} sees exactly
 * these {@code n} candidates); NDCG@k and Recall@k (= hit rate, one relevant item) average over users.
 */
public final class SampledRanking {

    private SampledRanking() {
    }

    /** The metrics {@code llmrank_ndcg@k} and {@code llmrank_recall@k} for every {@code k < n}. */
    public static Map<String, Double> evaluate(Generation g, Catalog catalog, InteractionMatrix train,
                                               List<Interaction> test, int n, List<Integer> ks, long seed,
                                               ProgressListener progress) {
        // The held-out item per user: the latest test interaction (ties: the last listed).
        Map<String, Interaction> heldOut = new TreeMap<>();
        Map<String, java.util.Set<Integer>> seen = new java.util.HashMap<>();
        for (Interaction i : test) {
            if (catalog.indexOf(i.item()) < 0) {
                continue;
            }
            heldOut.merge(i.user(), i, (a, b) -> b.timestamp() >= a.timestamp() ? b : a);
            seen.computeIfAbsent(i.user(), u -> new HashSet<>()).add(catalog.indexOf(i.item()));
        }
        List<Integer> cutoffs = ks.stream().filter(k -> k < n).sorted().toList();
        Map<Integer, double[]> sums = new TreeMap<>();
        cutoffs.forEach(k -> sums.put(k, new double[2]));
        int users = 0;
        progress.start("sampled ranking (" + n + " candidates)", heldOut.size());
        for (Map.Entry<String, Interaction> e : heldOut.entrySet()) {
            String user = e.getKey();
            int positive = catalog.indexOf(e.getValue().item());
            java.util.Set<Integer> excluded = new HashSet<>(seen.get(user));
            int u = train.userIndex(user);
            if (u >= 0) {
                for (int j = 0; j < train.degree(u); j++) {
                    excluded.add(train.item(u, j));
                }
            }
            if (catalog.size() - excluded.size() < n - 1) {
                progress.advance(1);
                continue; // not enough unseen items to sample from
            }
            int[] candidates = sample(catalog.size(), excluded, positive, n, seed, user);
            List<ScoredItem> ranked = g.recommendAmong(Query.forUser(user), candidates, n);
            boolean[] hits = new boolean[ranked.size()];
            String target = e.getValue().item();
            for (int r = 0; r < ranked.size(); r++) {
                hits[r] = ranked.get(r).itemId().equals(target);
            }
            for (int k : cutoffs) {
                sums.get(k)[0] += RankingMetrics.ndcg(hits, 1, k);
                sums.get(k)[1] += RankingMetrics.recall(hits, 1, k);
            }
            users++;
            progress.advance(1);
        }
        progress.finish();
        Map<String, Double> out = new LinkedHashMap<>();
        for (int k : cutoffs) {
            out.put("llmrank_ndcg@" + k, users == 0 ? 0 : sums.get(k)[0] / users);
        }
        for (int k : cutoffs) {
            out.put("llmrank_recall@" + k, users == 0 ? 0 : sums.get(k)[1] / users);
        }
        out.put("llmrank_users", (double) users);
        return out;
    }

    /** The positive plus {@code n - 1} distinct unseen items, shuffled (the chain, not the position, ranks them). */
    static int[] sample(int items, java.util.Set<Integer> excluded, int positive, int n, long seed, String user) {
        SplittableRandom rng = new SplittableRandom(seed ^ user.hashCode() * 0x9E3779B97F4A7C15L);
        List<Integer> picked = new ArrayList<>(n);
        picked.add(positive);
        java.util.Set<Integer> taken = new HashSet<>(excluded);
        taken.add(positive);
        while (picked.size() < n) {
            int i = rng.nextInt(items);
            if (taken.add(i)) {
                picked.add(i);
            }
        }
        java.util.Collections.shuffle(picked, new java.util.Random(rng.nextLong()));
        return picked.stream().mapToInt(Integer::intValue).toArray();
    }
}
