package dev.braid.plugin.content;

import static dev.braid.plugin.content.Fixture.cos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.compute.ReferenceBackend;
import dev.braid.api.data.ItemFeatures;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContentProfileGeneratorTest {
    private static final float NEG = Float.NEGATIVE_INFINITY;
    private static final float EPS = 1e-5f;

    private static ContentProfileGenerator fitted(ContentProfileConfig config) {
        ContentProfileGenerator g = new ContentProfileGenerator(config, new ReferenceBackend());
        g.fit(Fixture.data(), ProgressListener.NONE);
        return g;
    }

    private static float[] score(ContentProfileGenerator g, Query q) {
        float[] s = new float[Fixture.CATALOG.size()];
        g.score(q, s);
        return s;
    }

    @Test
    void ranksItemsLikeTheHistoryFirstAndScoresColdItems() {
        float[] s = score(fitted(ContentProfileConfig.defaults()), Query.forUser("alice"));

        // alice's profile is i0 itself: scores are cosines to i0; i5 (cold) outranks i1; i4 has no vector
        assertThat(s).containsExactly(new float[] {1, cos(0, 1), 0, 0, NEG, cos(0, 5)}, within(EPS));
        assertThat(s[5]).isGreaterThan(s[1]).isGreaterThan(s[2]);
    }

    @Test
    void ratingWeightsShiftTheProfile() {
        float[] plain = score(fitted(ContentProfileConfig.defaults()), Query.forUser("carol"));
        float[] weighted = score(fitted(new ContentProfileConfig(true, 0.5)), Query.forUser("carol"));

        // unweighted profile (1,1,0)/sqrt2; weighted (5,1,0)/sqrt26
        assertThat(plain[0]).isCloseTo(plain[2], within(EPS));
        assertThat(weighted[0]).isCloseTo((float) (5 / Math.sqrt(26)), within(EPS));
        assertThat(weighted[2]).isCloseTo((float) (1 / Math.sqrt(26)), within(EPS));
    }

    @Test
    void queryVectorFindsColdItemsAndBlendsWithTheUser() {
        ContentProfileGenerator g = fitted(new ContentProfileConfig(false, 0.25));
        float[] byExample = score(g, new Query(null, new float[] {0, 0, 2}, null, null));
        float[] both = score(g, new Query("alice", new float[] {0, 0, 2}, null, null));

        assertThat(byExample).containsExactly(new float[] {0, 0, 0, 1, NEG, 0}, within(EPS));
        assertThat(both[0]).isCloseTo(0.75f, within(EPS));
        assertThat(both[3]).isCloseTo(0.25f, within(EPS));
        assertThat(both[5]).isCloseTo(0.75f * cos(0, 5), within(EPS));
    }

    @Test
    void unknownUsersGetZerosAndEarlierExclusionsStay() {
        ContentProfileGenerator g = fitted(ContentProfileConfig.defaults());
        float[] s = {3, NEG, 2, 1, 5, 4};
        g.score(new Query("stranger", null, Set.of(), Map.of()), s);
        assertThat(s).containsExactly(0, NEG, 0, 0, 0, 0);

        float[] t = {3, NEG, 2, 1, 5, 4};
        g.score(Query.forUser("alice"), t);
        assertThat(t[1]).isEqualTo(NEG);
        assertThat(t[0]).isCloseTo(1, within(EPS));
    }

    @Test
    void explainsWithTheMostSimilarHistoryItem() {
        ContentProfileGenerator g = fitted(ContentProfileConfig.defaults());

        assertThat(g.explain(Query.forUser("carol"), 1)).singleElement().asString().contains("like i0");
        assertThat(g.explain(Query.forUser("carol"), 4)).singleElement().asString().contains("no fused vector");
    }

    @Test
    void failsClearlyWithoutFusedFeaturesOrWithABadVector() {
        ContentProfileGenerator g = new ContentProfileGenerator(ContentProfileConfig.defaults(), new ReferenceBackend());
        TrainingData none = new TrainingData(Fixture.CATALOG, ItemFeatures.none(), Fixture.data().interactions(), 1);
        assertThatThrownBy(() -> g.fit(none, ProgressListener.NONE)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("content-profile");

        ContentProfileGenerator f = fitted(ContentProfileConfig.defaults());
        assertThatThrownBy(() -> score(f, new Query(null, new float[] {1, 2}, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension 2");
        assertThatThrownBy(() -> score(f, new Query(null, new float[] {0, 0, 0}, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zeros");
    }
}
