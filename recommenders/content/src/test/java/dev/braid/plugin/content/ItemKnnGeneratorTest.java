package dev.braid.plugin.content;

import dev.braid.compute.ReferenceBackend;
import static dev.braid.plugin.content.Fixture.cos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.generator.Query;
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
