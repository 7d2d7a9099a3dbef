package dev.braid.plugin.popularity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemFeatures;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PopularityGeneratorTest {
    private static final long DAY = 86_400;
    private static final Catalog CATALOG = new Catalog(
            Stream.of("a", "b", "c", "d").map(id -> Item.ofText(id, "")).toList());

    private static PopularityGenerator fitted(double halfLifeDays, List<Interaction> interactions) {
        PopularityGenerator g = new PopularityGenerator(new PopularityConfig(halfLifeDays));
        g.fit(new TrainingData(CATALOG, ItemFeatures.none(), InteractionMatrix.of(CATALOG, interactions), 7),
                ProgressListener.NONE);
        return g;
    }

    /** u1: a, b; u2: b; u3: b, c (b twice for u3 counts once). Users per item: a 1, b 3, c 1, d 0. */
    private static List<Interaction> matrix() {
        return List.of(Interaction.implicit("u1", "a"), Interaction.implicit("u1", "b"),
                Interaction.implicit("u2", "b"), Interaction.implicit("u3", "b"), Interaction.implicit("u3", "c"),
                Interaction.implicit("u3", "b"));
    }

    @Test
    void scoresAreUsersPerItem() {
        float[] scores = new float[4];
        fitted(0, matrix()).score(Query.forUser("u1"), scores);

        assertThat(scores).containsExactly(1, 3, 1, 0);
    }

    @Test
    void overwritesEarlierScoresButKeepsExclusions() {
        float[] scores = {7, Float.NEGATIVE_INFINITY, -2, 0.5f};
        PopularityGenerator g = fitted(0, matrix());
        g.score(Query.forUser("nobody"), scores);

        assertThat(scores).containsExactly(1, Float.NEGATIVE_INFINITY, 1, 0);
        assertThat(g.explain(Query.forUser("u1"), 1)).containsExactly("popularity=3 users");
    }

    @Test
    void halfLifeDecaysOlderInteractions() {
        // latest timestamp is day 2: b's day-2 event counts 1, a's day-1 event 0.5, c's day-0 event 0.25;
        // d's event has no timestamp and counts 1
        List<Interaction> xs = List.of(new Interaction("u1", "a", Double.NaN, DAY),
                new Interaction("u2", "b", Double.NaN, 2 * DAY), new Interaction("u3", "c", Double.NaN, 0),
                Interaction.implicit("u4", "d"));
        float[] scores = new float[4];
        fitted(1, xs).score(Query.forUser("u1"), scores);

        assertThat(scores).containsExactly(new float[] {0.5f, 1, 0.25f, 1}, within(1e-6f));
    }

    @Test
    void halfLifeWithoutTimestampsCountsPlainly() {
        float[] scores = new float[4];
        fitted(30, matrix()).score(Query.forUser("u1"), scores);

        assertThat(scores).containsExactly(1, 3, 1, 0);
    }

    @Test
    void rejectsUseBeforeFitAndWrongLengths() {
        PopularityGenerator g = new PopularityGenerator(PopularityConfig.defaults());
        assertThatThrownBy(() -> g.score(Query.forUser("u"), new float[4])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> fitted(0, matrix()).score(Query.forUser("u"), new float[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 items");
        assertThatThrownBy(() -> new PopularityGenerator(new PopularityConfig(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("halfLifeDays");
    }

    @Test
    void candidateScoresAreTheCatalogScoresOfThoseItems() {
        PopularityGenerator g = fitted(0, matrix());
        float[] all = {0, 0, Float.NEGATIVE_INFINITY, 0};
        g.score(Query.forUser("u9"), all);
        int[] candidates = {3, 1, 2, 1};
        float[] some = {0, 0, Float.NEGATIVE_INFINITY, 5};
        g.score(Query.forUser("u9"), candidates, some);
        assertThat(some).containsExactly(all[3], all[1], all[2], all[1]);
        assertThat(some).containsExactly(0f, 3f, Float.NEGATIVE_INFINITY, 3f);
        assertThatThrownBy(() -> g.score(Query.forUser("u9"), new int[] {-1}, new float[1]))
                .hasMessage("popularity: candidate -1 is outside the catalog of 4 items");
    }
}
