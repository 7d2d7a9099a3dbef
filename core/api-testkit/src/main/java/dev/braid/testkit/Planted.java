package dev.braid.testkit;

import dev.braid.api.data.Catalog;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemFeatures;
import dev.braid.api.data.Modality;
import dev.braid.api.generator.Generator;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Synthetic data with a planted low-rank structure: users and items each belong to one of {@link #GROUPS} groups
 * ({@code index % GROUPS}); a user interacts with an item of their own group with probability 0.25 and with any
 * other item with probability 0.01. Each item's content vector is the one-hot of its group (plus one of
 * {@link #NOISE_DIMS} noise dimensions at 0.5), so content predicts taste. A fifth of the positives is held out for
 * testing; optionally a share of the items is cold (all their positives held out, never in training).
 */
public final class Planted {
    public static final int GROUPS = 4;
    public static final int USERS = 240;
    public static final int ITEMS = 160;
    public static final int NOISE_DIMS = 8;

    /** Items {@code i0 .. i159}, in row order. */
    public final Catalog catalog;
    /** One content row per item: its group's one-hot and a noise dimension. */
    public final FeatureMatrix content;
    /** The training positives. */
    public final List<Interaction> train = new ArrayList<>();
    /** The held-out positives. */
    public final List<Interaction> test = new ArrayList<>();
    /** Catalog indices of the cold items. */
    public final Set<Integer> coldItems;

    /** Draws the data from {@code seed}; {@code coldShare} of the items are cold. */
    public Planted(long seed, double coldShare) {
        Random r = new Random(seed);
        catalog = catalog(ITEMS);
        float[][] rows = new float[ITEMS][];
        for (int i = 0; i < ITEMS; i++) {
            float[] v = new float[GROUPS + NOISE_DIMS];
            v[group(i)] = 1f;
            v[GROUPS + r.nextInt(NOISE_DIMS)] = 0.5f;
            rows[i] = v;
        }
        content = FeatureMatrix.ofRows(GROUPS + NOISE_DIMS, rows);
        Set<Integer> cold = new HashSet<>();
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

    /** The group of a user or item index. */
    public static int group(int index) {
        return index % GROUPS;
    }

    /** A catalog of {@code n} items {@code i0 .. i(n-1)} with empty text (for components that read vectors only). */
    public static Catalog catalog(int n) {
        return new Catalog(IntStream.range(0, n).mapToObj(i -> Item.ofText("i" + i, "")).toList());
    }

    private static final String[][] GROUP_WORDS = {
        {"whale", "ocean", "wave", "tide", "coral", "sailor"},
        {"apple", "pie", "cherry", "crust", "oven", "sugar"},
        {"rocket", "orbit", "planet", "comet", "launch", "galaxy"},
        {"violin", "melody", "choir", "rhythm", "concert", "opera"}};
    private static final String[] COMMON_WORDS = {"the", "a", "story", "of", "new", "old", "day", "night"};

    /**
     * {@code n} items {@code i0 .. i(n-1)} whose text and attributes show their group ({@code index % GROUPS}):
     * a title and a sentence of the group's words mixed with common words, the attribute {@code genre} (the
     * group's name) and {@code year} (a number). For encoders of text and attributes.
     */
    public static List<Item> textItems(int n, long seed) {
        Random r = new Random(seed);
        List<Item> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String[] words = GROUP_WORDS[group(i)];
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 8; w++) {
                text.append(w == 0 ? "" : " ").append(w % 3 == 2 ? COMMON_WORDS[r.nextInt(COMMON_WORDS.length)]
                        : words[r.nextInt(words.length)]);
            }
            String title = words[r.nextInt(words.length)] + " " + i;
            items.add(new Item("i" + i, title, Map.of("genre", List.of(words[0]), "year",
                    List.of(Integer.toString(1950 + r.nextInt(70)))),
                    new dev.braid.api.data.ItemContent(text + ".", null, null)));
        }
        return items;
    }

    /** The training interactions as a matrix over {@link #catalog}. */
    public InteractionMatrix trainMatrix() {
        return InteractionMatrix.of(catalog, train);
    }

    /**
     * What a generator fits on: the training positives, and {@link #content} as the fused item vectors and as the
     * items' only modality (text).
     */
    public TrainingData data(long seed) {
        return new TrainingData(catalog, new ItemFeatures(Map.of(Modality.TEXT, content), content), trainMatrix(),
                seed);
    }

    /** The scores {@code g} writes for {@code user} over the planted catalog, starting from zeros. */
    public static float[] scores(Generator g, String user) {
        float[] s = new float[ITEMS];
        g.score(Query.forUser(user), s);
        return s;
    }

    /**
     * Mean per-user AUC of the generator on the test positives against every item that is neither a training nor
     * a test positive of the user (0.5 is a random ranking); with {@code onlyCold}, both sides are restricted to
     * the cold items. Ties count one half.
     */
    public double auc(Generator g, boolean onlyCold) {
        InteractionMatrix m = trainMatrix();
        Map<String, Set<Integer>> testByUser = new HashMap<>();
        for (Interaction x : test) {
            testByUser.computeIfAbsent(x.user(), k -> new HashSet<>()).add(catalog.indexOf(x.item()));
        }
        double sum = 0;
        int users = 0;
        float[] s = new float[ITEMS];
        for (var e : testByUser.entrySet()) {
            int u = m.userIndex(e.getKey());
            java.util.Arrays.fill(s, 0f);
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
