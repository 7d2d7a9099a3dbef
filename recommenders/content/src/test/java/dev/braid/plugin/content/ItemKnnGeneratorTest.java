package dev.braid.plugin.content;

import static dev.braid.plugin.content.Fixture.cos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.compute.ComputeBackend;
import dev.braid.api.compute.ReferenceBackend;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemFeatures;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ItemKnnGeneratorTest {
    private static final float NEG = Float.NEGATIVE_INFINITY;
    private static final float EPS = 1e-5f;

    private static ItemKnnGenerator fitted(int neighbours, boolean weightByRating, int blockRows) {
        ItemKnnGenerator g = new ItemKnnGenerator(new ItemKnnConfig(neighbours, 0, weightByRating, blockRows),
                new ReferenceBackend());
        g.fit(Fixture.data(), ProgressListener.NONE);
        return g;
    }

    private static float[] score(ItemKnnGenerator g, String user) {
        float[] s = new float[Fixture.CATALOG.size()];
        g.score(Query.forUser(user), s);
        return s;
    }

    @Test
    void similaritiesEqualANaiveCosineForEveryBlockSize() {
        // 90 items x 37 dims, blocks of 16 rows (the last one partial): every item keeps all others as neighbours,
        // so a user whose history is item h scores item i with exactly cos(h, i).
        int n = 90;
        int d = 37;
        SplittableRandom r = new SplittableRandom(5);
        float[][] v = new float[n][d];
        for (float[] row : v) {
            for (int x = 0; x < d; x++) {
                row[x] = (float) (r.nextDouble() * 2 - 1);
            }
        }
        Catalog catalog = new Catalog(IntStream.range(0, n)
                .mapToObj(i -> Item.ofText("i" + i, "")).toList());
        List<Interaction> history = IntStream.range(0, n)
                .mapToObj(i -> Interaction.implicit("u" + i, "i" + i)).toList();
        TrainingData data = new TrainingData(catalog,
                new ItemFeatures(Map.of(), FeatureMatrix.ofRows(d, v)),
                InteractionMatrix.of(catalog, history), 1);
        ComputeBackend backend = new ReferenceBackend();
        for (int block : new int[] {16, 256}) {
            ItemKnnGenerator g = new ItemKnnGenerator(new ItemKnnConfig(n - 1, -1, false, block), backend);
            g.fit(data, ProgressListener.NONE);
            for (int h = 0; h < n; h++) {
                float[] s = new float[n];
                g.score(Query.forUser("u" + h), s);
                for (int i = 0; i < n; i++) {
                    float expected = i == h ? 0f : cos(v[h], v[i]);
                    assertThat(s[i]).as("blocks of %d: sim(i%d, i%d)", block, h, i)
                            .isCloseTo(expected, within(1e-4f));
                }
            }
        }
    }

    @Test
    void scoresTheNeighboursOfTheHistoryIncludingColdItems() {
        // i0's two nearest are i5 (cold) and i1; i0 itself is not its own neighbour
        float[] s = score(fitted(2, false, 256), "alice");

        assertThat(s).containsExactly(new float[] {0, cos(0, 1), 0, 0, NEG, cos(0, 5)}, within(EPS));
    }

    @Test
    void neighbourCountAndPositiveSimilarityLimitWhatIsScored() {
        // i2's positive neighbours are i1 then i5 (i0 and i3 are orthogonal to it)
        float[] two = score(fitted(2, false, 256), "bob");
        float[] one = score(fitted(1, false, 256), "bob");

        assertThat(two).containsExactly(new float[] {0, cos(2, 1), 0, 0, NEG, cos(2, 5)}, within(EPS));
        assertThat(one).containsExactly(new float[] {0, cos(2, 1), 0, 0, NEG, 0}, within(EPS));
    }

    @Test
    void sumsOverHistoryAndWeighsByRating() {
        // carol: i0 (rated 5) and i2 (rated 1); i1 and i5 are neighbours of both
        float[] plain = score(fitted(2, false, 256), "carol");
        float[] weighted = score(fitted(2, true, 256), "carol");

        assertThat(plain[1]).isCloseTo(cos(0, 1) + cos(2, 1), within(EPS));
        assertThat(weighted[1]).isCloseTo(5 * cos(0, 1) + cos(2, 1), within(EPS));
        assertThat(weighted[5]).isCloseTo(5 * cos(0, 5) + cos(2, 5), within(EPS));
    }

    @Test
    void blockSizeDoesNotChangeTheResult() {
        for (String user : new String[] {"alice", "bob", "carol"}) {
            assertThat(score(fitted(3, false, 2), user)).containsExactly(score(fitted(3, false, 256), user));
        }
    }

    @Test
    void unknownUsersGetZerosAndExplanationsNameTheHistoryItem() {
        ItemKnnGenerator g = fitted(2, false, 256);
        float[] s = {1, 2, NEG, 4, 5, 6};
        g.score(Query.forUser("stranger"), s);

        assertThat(s).containsExactly(0, 0, NEG, 0, 0, 0);
        assertThat(g.explain(Query.forUser("carol"), 1)).hasSize(2).first().asString().contains("neighbour of i0");
        assertThat(g.explain(Query.forUser("alice"), 3)).isEmpty();
    }

    @Test
    void rejectsBadConfiguration() {
        assertThatThrownBy(() -> new ItemKnnGenerator(new ItemKnnConfig(0, 0, false, 1), new ReferenceBackend()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neighbours");
    }
}
