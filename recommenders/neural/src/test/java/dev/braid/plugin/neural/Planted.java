package dev.braid.plugin.neural;

import dev.braid.api.data.Catalog;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemFeatures;
import dev.braid.api.generator.Generator;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Synthetic data with a planted low-rank structure: users and items each belong to one of {@code GROUPS} groups;
 * a user interacts with an item of their own group with probability 0.25 and with any other item with probability
 * 0.01. Each item's content vector is the one-hot of its group (plus noise dimensions), so content predicts taste.
 * A share of the positives is held out for testing; optionally some items are cold (never in training).
 */
/** A copy of the factorisation bundle's test fixture (bundles share no test code). */
final class Planted {
    static final int GROUPS = 4;
    static final int USERS = 240;
    static final int ITEMS = 160;
    static final int NOISE_DIMS = 8;

    final Catalog catalog;
    final FeatureMatrix content;
    final List<Interaction> train = new ArrayList<>();
    final List<Interaction> test = new ArrayList<>();
    final Set<Integer> coldItems;

    Planted(long seed, double coldShare) {
        Random r = new Random(seed);
        catalog = new Catalog(IntStream.range(0, ITEMS).mapToObj(i -> Item.ofText("i" + i, "")).toList());
        float[][] rows = new float[ITEMS][];
        for (int i = 0; i < ITEMS; i++) {
            float[] v = new float[GROUPS + NOISE_DIMS];
            v[group(i)] = 1f;
            v[GROUPS + r.nextInt(NOISE_DIMS)] = 0.5f;
            rows[i] = v;
        }
        content = FeatureMatrix.ofRows(GROUPS + NOISE_DIMS, rows);
        java.util.HashSet<Integer> cold = new java.util.HashSet<>();
        for (int i = 0; i < ITEMS; i++) {
            if (r.nextDouble() < coldShare) {
                cold.add(i);
            }
        }
        coldItems = Set.copyOf(cold);
        for (int u = 0; u < USERS; u++) {
            for (int i = 0; i < ITEMS; i++) {
                double p = group(u) == group(i) ? 0.25 : 0.01;
                if (r.nextDouble() < p) {
                    Interaction x = Interaction.implicit("u" + u, "i" + i);
                    (cold.contains(i) || r.nextDouble() < 0.2 ? test : train).add(x);
                }
            }
        }
    }

    static int group(int index) {
        return index % GROUPS;
    }

    TrainingData data(long seed) {
        return new TrainingData(catalog, new ItemFeatures(Map.of(), content), InteractionMatrix.of(catalog, train),
                seed);
    }

    /**
     * Mean per-user AUC of the generator on the test positives against every item that is neither a training nor
     * a test positive of the user; with {@code onlyCold}, both sides are restricted to the cold items.
     */
    double auc(Generator g, boolean onlyCold) {
        InteractionMatrix m = InteractionMatrix.of(catalog, train);
        java.util.Map<String, java.util.Set<Integer>> testByUser = new java.util.HashMap<>();
        for (Interaction x : test) {
            testByUser.computeIfAbsent(x.user(), k -> new java.util.HashSet<>()).add(catalog.indexOf(x.item()));
        }
        double sum = 0;
        int users = 0;
        float[] s = new float[ITEMS];
        for (var e : testByUser.entrySet()) {
            int u = m.userIndex(e.getKey());
            g.score(Query.forUser(e.getKey()), s);
            long wins = 0;
            long pairs = 0;
            for (int i : e.getValue()) {
                if (onlyCold && !coldItems.contains(i)) {
                    continue;
                }
                for (int j = 0; j < ITEMS; j++) {
                    if (e.getValue().contains(j) || (u >= 0 && m.contains(u, j))
                            || (onlyCold && !coldItems.contains(j))) {
                        continue;
                    }
                    pairs++;
                    wins += s[i] > s[j] ? 2 : s[i] == s[j] ? 1 : 0;
                }
            }
            if (pairs > 0) {
                sum += wins / (2.0 * pairs);
                users++;
            }
        }
        return sum / users;
    }
}
