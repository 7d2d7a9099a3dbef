package dev.braid.runtime.blend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemFeatures;
import dev.braid.api.generator.Generator;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BlendGeneratorTest {
    private static final int USERS = 200;
    private static final int ITEMS = 120;
    private static final int GROUPS = 4;

    /**
     * Users like the items of their own group (p 0.3) and, in every group, some items more than others (popular
     * ones, in an order unrelated to the index, which breaks ties): taste and popularity both carry signal.
     */
    private static List<Interaction> planted(long seed) {
        Random r = new Random(seed);
        List<Interaction> out = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            for (int i = 0; i < ITEMS; i++) {
                double p = (u % GROUPS == i % GROUPS ? 0.3 : 0.02) * (1.5 - (double) (i * 37 % ITEMS) / ITEMS);
                if (r.nextDouble() < p) {
                    out.add(Interaction.implicit("u" + u, "i" + i));
                }
            }
        }
        return out;
    }

    private static final Catalog CATALOG = new Catalog(IntStream.range(0, ITEMS)
            .mapToObj(i -> Item.ofText("i" + i, "")).toList());

    /** Learns each user's most frequent group from their history; scores that group's items 1. */
    static final class Taste implements Generator {
        private InteractionMatrix m;
        private int[] group;

        @Override
        public void fit(TrainingData data, ProgressListener progress) {
            m = data.interactions();
            group = new int[m.numUsers()];
            for (int u = 0; u < m.numUsers(); u++) {
                int[] c = new int[GROUPS];
                for (int j = 0; j < m.degree(u); j++) {
                    c[m.item(u, j) % GROUPS]++;
                }
                int best = 0;
                for (int g = 1; g < GROUPS; g++) {
                    best = c[g] > c[best] ? g : best;
                }
                group[u] = best;
            }
        }

        @Override
        public void score(Query query, float[] scores) {
            int u = m.userIndex(query.user());
            for (int i = 0; i < scores.length; i++) {
                scores[i] = u >= 0 && i % GROUPS == group[u] ? 1f : 0f;
            }
        }
    }

    /** Training degree of each item. */
    static final class Popularity implements Generator {
        private int[] degree;

        @Override
        public void fit(TrainingData data, ProgressListener progress) {
            degree = data.interactions().itemDegrees();
        }

        @Override
        public void score(Query query, float[] scores) {
            for (int i = 0; i < scores.length; i++) {
                scores[i] = degree[i];
            }
        }
    }

    /** Seeded noise: no signal at all. */
    static final class Noise implements Generator {
        @Override
        public void fit(TrainingData data, ProgressListener progress) {
        }

        @Override
        public void score(Query query, float[] scores) {
            Random r = new Random(query.user().hashCode());
            for (int i = 0; i < scores.length; i++) {
                scores[i] = r.nextFloat() * 1000;
            }
        }
    }

    private static BlendGenerator blend(List<Supplier<Generator>> members) {
        return new BlendGenerator(BlendFit.defaults(), IntStream.range(0, members.size()).mapToObj(i -> "m" + i)
                .toList(), members);
    }

    /** Mean recall@10 on a disjoint sample of the same process, training items excluded. */
    private static double recall(Generator g, InteractionMatrix train, List<Interaction> test) {
        java.util.Map<String, java.util.Set<Integer>> byUser = new java.util.HashMap<>();
        test.forEach(x -> byUser.computeIfAbsent(x.user(), k -> new java.util.HashSet<>())
                .add(CATALOG.indexOf(x.item())));
        double sum = 0;
        int n = 0;
        float[] s = new float[ITEMS];
        for (var e : byUser.entrySet()) {
            int u = train.userIndex(e.getKey());
            java.util.Arrays.fill(s, 0f);
            g.score(Query.forUser(e.getKey()), s);
            Integer[] order = IntStream.range(0, ITEMS).boxed()
                    .filter(i -> u < 0 || !train.contains(u, i))
                    .sorted((a, b) -> Float.compare(s[b], s[a]) != 0 ? Float.compare(s[b], s[a]) : a - b)
                    .toArray(Integer[]::new);
            long hits = java.util.Arrays.stream(order).limit(10).filter(e.getValue()::contains).count();
            java.util.Set<Integer> relevant = new java.util.HashSet<>(e.getValue());
            if (u >= 0) {
                relevant.removeIf(i -> train.contains(u, i));
            }
            if (!relevant.isEmpty()) {
                sum += (double) hits / Math.min(10, relevant.size());
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void fitsWeightsThatIgnoreNoiseAndBeatEveryMember() {
        List<Interaction> all = planted(3);
        List<Interaction> train = new ArrayList<>();
        List<Interaction> test = new ArrayList<>();
        Random r = new Random(5);
        all.forEach(x -> (r.nextDouble() < 0.2 ? test : train).add(x));
        InteractionMatrix m = InteractionMatrix.of(CATALOG, train);
        TrainingData data = new TrainingData(CATALOG, ItemFeatures.none(), m, 42);
        BlendGenerator b = blend(List.of(Taste::new, Popularity::new, Noise::new));
        b.fit(data, ProgressListener.NONE);
        double[] w = b.weights();
        assertThat(w).hasSize(3);
        assertThat(w[0] + w[1] + w[2]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(w[2]).as("noise weight").isLessThanOrEqualTo(0.1);
        assertThat(w[0]).as("taste weight").isPositive();
        assertThat(w[1]).as("popularity weight").isPositive();
        assertThat(b.validationMetric()).isBetween(0.0, 1.0);

        Taste taste = new Taste();
        taste.fit(data, ProgressListener.NONE);
        Popularity pop = new Popularity();
        pop.fit(data, ProgressListener.NONE);
        double blended = recall(b, m, test);
        assertThat(blended).isGreaterThan(recall(taste, m, test)).isGreaterThan(recall(pop, m, test));
        assertThat(b.explain(Query.forUser("u1"), 0)).hasSize(3).first().asString().startsWith("blend ");
    }

    @Test
    void isDeterministicForASeedAndKeepsFilteredItemsFiltered() {
        InteractionMatrix m = InteractionMatrix.of(CATALOG, planted(4));
        TrainingData data = new TrainingData(CATALOG, ItemFeatures.none(), m, 7);
        BlendGenerator a = blend(List.of(Taste::new, Popularity::new));
        BlendGenerator b = blend(List.of(Taste::new, Popularity::new));
        a.fit(data, ProgressListener.NONE);
        b.fit(data, ProgressListener.NONE);
        assertThat(a.weights()).containsExactly(b.weights());
        float[] s = new float[ITEMS];
        s[5] = Float.NEGATIVE_INFINITY;
        a.score(Query.forUser("u0"), s);
        assertThat(s[5]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(s[4]).isFinite();
    }

    @Test
    void zNormalisationIgnoresFilteredEntriesAndConstantScores() {
        float[] s = {1, 2, 3, Float.NEGATIVE_INFINITY};
        BlendGenerator.zNormalise(s);
        assertThat(s[0]).isNegative();
        assertThat(s[1]).isZero();
        assertThat(s[3]).isEqualTo(Float.NEGATIVE_INFINITY);
        float[] c = {4, 4, 4};
        BlendGenerator.zNormalise(c);
        assertThat(c).containsOnly(0f);
    }

    @Test
    void rejectsBadFitSettings() {
        assertThatThrownBy(() -> new BlendFit("mrr", 10, 0.1, 0.1, 10)).hasMessageStartingWith("metric:");
        assertThatThrownBy(() -> new BlendFit("ndcg", 10, 0.1, 0.3, 10)).hasMessageStartingWith("step:");
        assertThatThrownBy(() -> blend(List.of(Taste::new))).hasMessageContaining("two");
    }
}
