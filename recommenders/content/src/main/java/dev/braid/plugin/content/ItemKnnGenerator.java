package dev.braid.plugin.content;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.compute.ComputeBackend;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.generator.CandidateScorer;
import dev.braid.api.generator.FitState;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.Scores;
import dev.braid.api.generator.TrainingData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Item-to-item content kNN over the fused vectors.
 *
 * <p>At fit, for every catalog item with a fused vector, its {@code neighbours} most similar other items (cosine,
 * above {@code minSimilarity}) are found with the backend: blocks of {@code blockRows} unit item vectors are
 * multiplied by the transposed item matrix ({@code matmul}) and each row's best are taken with {@code topK}.
 * Similarity comes from content only, so items nobody interacted with are neighbours like any other (cold start).
 *
 * <p>{@code score(item) = Σ_{h in the user's history} w_h * sim(h, item)} over the history items {@code h} that
 * have {@code item} among their neighbours ({@code w_h} = 1, or the interaction value when
 * {@code weightByRating}). Model-based: it overwrites the incoming scores, except {@link Float#NEGATIVE_INFINITY}
 * entries of earlier stages; items without a fused vector get negative infinity; unknown users get 0 everywhere.
 * Query vectors are not used by this generator (use {@code content-profile}).
 */
@BraidComponent(name = "item-knn", config = ItemKnnConfig.class,
        description = "sums the content similarity of each item to the user's history items (precomputed kNN)")
public final class ItemKnnGenerator implements CandidateScorer {
    private static final Logger LOG = LoggerFactory.getLogger(ItemKnnGenerator.class);
    static final String NAME = "item-knn";
    /** Caps a similarity block at this many floats (64 MiB), whatever blockRows says. */
    private static final long MAX_BLOCK_FLOATS = 16L << 20;

    private final ItemKnnConfig config;
    private final ComputeBackend backend;
    private final FitState<Fitted> fitted = new FitState<>(NAME);

    public ItemKnnGenerator(ItemKnnConfig config, ComputeBackend backend) {
        if (config.neighbours() < 1) {
            throw new IllegalArgumentException("neighbours: must be >= 1, got " + config.neighbours());
        }
        if (config.blockRows() < 1) {
            throw new IllegalArgumentException("blockRows: must be >= 1, got " + config.blockRows());
        }
        if (!(config.minSimilarity() >= -1 && config.minSimilarity() <= 1)) {
            throw new IllegalArgumentException("minSimilarity: must be in [-1, 1], got " + config.minSimilarity());
        }
        this.config = config;
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    @Override
    public void fit(TrainingData data, ProgressListener progress) {
        ItemVectors items = ItemVectors.of(data, NAME, backend);
        int n = items.rows;
        int d = items.dim;
        float[] transposed = new float[n * d];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < d; c++) {
                transposed[c * n + r] = items.unit[r * d + c];
            }
        }
        int block = (int) Math.max(1, Math.min(config.blockRows(), MAX_BLOCK_FLOATS / Math.max(1, n)));
        int k = Math.min(config.neighbours(), Math.max(0, n - 1));
        int[][] neighbours = new int[n][];
        float[][] similarities = new float[n][];
        float[] sims = new float[block * n];
        float[] row = new float[n];
        progress.start(NAME + ": item neighbours", n);
        for (int start = 0; start < n; start += block) {
            int rows = Math.min(block, n - start);
            float[] a = java.util.Arrays.copyOfRange(items.unit, start * d, (start + rows) * d);
            backend.matmul(a, transposed, sims, rows, d, n);
            for (int r = 0; r < rows; r++) {
                int item = start + r;
                if (!items.has(item) || k == 0) {
                    neighbours[item] = new int[0];
                    similarities[item] = new float[0];
                    continue;
                }
                System.arraycopy(sims, r * n, row, 0, n);
                for (int j = 0; j < n; j++) {
                    if (j == item || !items.has(j) || !(row[j] > config.minSimilarity())) {
                        row[j] = Float.NEGATIVE_INFINITY;
                    }
                }
                int[] top = backend.topK(row, k);
                float[] s = new float[top.length];
                for (int t = 0; t < top.length; t++) {
                    s[t] = row[top[t]];
                }
                neighbours[item] = top;
                similarities[item] = s;
            }
            progress.advance(rows);
        }
        progress.finish();
        fitted.set(new Fitted(data.catalog(), data.interactions(), items, neighbours, similarities));
        LOG.info("{}: {} neighbours for each of {} items with a fused vector", NAME, k, items.present.cardinality());
    }

    @Override
    public void score(Query query, float[] scores) {
        Fitted f = fitted.get();
        Scores.requireSlots(NAME, scores, f.items().rows);
        int u = userOf(f, query);
        if (u < 0) {
            Scores.fill(0f, scores);
            return;
        }
        double[] acc = new double[scores.length];
        forEachNeighbour(f, u, (item, w) -> acc[item] += w);
        float[] own = new float[scores.length];
        for (int i = 0; i < own.length; i++) {
            own[i] = f.items().has(i) ? (float) acc[i] : Float.NEGATIVE_INFINITY;
        }
        Scores.overwrite(own, scores);
    }

    /** Sums over the history's neighbour lists only, kept for the candidates: no pass over the catalog. */
    @Override
    public void score(Query query, int[] candidates, float[] scores) {
        Fitted f = fitted.get();
        Scores.requireCandidates(NAME, candidates, scores, f.items().rows);
        int u = userOf(f, query);
        if (u < 0) {
            Scores.fill(0f, scores);
            return;
        }
        Map<Integer, double[]> acc = new HashMap<>();
        for (int c : candidates) {
            acc.put(c, new double[1]);
        }
        forEachNeighbour(f, u, (item, w) -> {
            double[] a = acc.get(item);
            if (a != null) {
                a[0] += w;
            }
        });
        float[] own = new float[candidates.length];
        for (int k = 0; k < own.length; k++) {
            own[k] = f.items().has(candidates[k]) ? (float) acc.get(candidates[k])[0] : Float.NEGATIVE_INFINITY;
        }
        Scores.overwrite(own, scores);
    }

    /** Where a history item's neighbour list sends weight: the neighbour and {@code w(history) * similarity}. */
    private interface NeighbourWeight {
        void add(int item, double weight);
    }

    /** Visits every (neighbour, weight) pair of the user's history, in history then neighbour order. */
    private void forEachNeighbour(Fitted f, int u, NeighbourWeight sink) {
        InteractionMatrix m = f.interactions();
        for (int j = 0; j < m.degree(u); j++) {
            int h = m.item(u, j);
            double w = config.weightByRating() ? m.value(u, j) : 1.0;
            int[] nb = f.neighbours()[h];
            float[] sim = f.similarities()[h];
            for (int t = 0; t < nb.length; t++) {
                sink.add(nb[t], w * sim[t]);
            }
        }
    }

    private static int userOf(Fitted f, Query query) {
        return query.user() == null ? -1 : f.interactions().userIndex(query.user());
    }

    /** The user's history items that have {@code item} as a neighbour, most similar first (at most 3). */
    @Override
    public List<String> explain(Query query, int item) {
        Fitted f = fitted.get();
        InteractionMatrix m = f.interactions();
        int u = query.user() == null ? -1 : m.userIndex(query.user());
        record Hit(int history, float similarity) {
        }
        List<Hit> hits = new ArrayList<>();
        for (int j = 0; u >= 0 && j < m.degree(u); j++) {
            int h = m.item(u, j);
            int[] nb = f.neighbours()[h];
            for (int t = 0; t < nb.length; t++) {
                if (nb[t] == item) {
                    hits.add(new Hit(h, f.similarities()[h][t]));
                }
            }
        }
        return hits.stream().sorted(Comparator.comparingDouble((Hit x) -> -x.similarity())).limit(3)
                .map(x -> String.format(Locale.ROOT, "%s: neighbour of %s (cosine %.3f)", NAME,
                        f.catalog().item(x.history()).id(), x.similarity()))
                .toList();
    }

    /** What fit prepared: per item, its neighbours (best first) and their similarities. */
    private record Fitted(Catalog catalog, InteractionMatrix interactions, ItemVectors items, int[][] neighbours,
                          float[][] similarities) {
    }
}
