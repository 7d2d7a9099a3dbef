package dev.braid.plugin.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.generator.CandidateScorer;
import dev.braid.api.generator.Query;
import dev.braid.api.compute.ReferenceBackend;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Content-profile and item-kNN candidate scores equal their catalog scores for the same items. */
class CandidateScoringTest {
    /** i4 has no vector; i3 and i5 are cold; i0 repeats; i2 is filtered on entry at position 1. */
    private static final int[] CANDIDATES = {5, 2, 4, 0, 3, 0};

    private static List<CandidateScorer> fitted() {
        ContentProfileGenerator profile = new ContentProfileGenerator(new ContentProfileConfig(true, 0.5),
                new ReferenceBackend());
        ItemKnnGenerator knn = new ItemKnnGenerator(new ItemKnnConfig(3, 0, true, 2), new ReferenceBackend());
        profile.fit(Fixture.data(), ProgressListener.NONE);
        knn.fit(Fixture.data(), ProgressListener.NONE);
        return List.of(profile, knn);
    }

    @Test
    void candidateScoresEqualCatalogScoresForUsersExamplesAndStrangers() {
        List<Query> queries = List.of(Query.forUser("carol"), Query.forUser("alice"), Query.forUser("stranger"),
                new Query(null, new float[] {0, 1, 1}, null, null), new Query("bob", new float[] {1, 0, 0}, null,
                        null));
        for (CandidateScorer g : fitted()) {
            for (Query q : queries) {
                float[] all = new float[Fixture.CATALOG.size()];
                all[2] = Float.NEGATIVE_INFINITY;
                g.score(q, all);
                float[] some = new float[CANDIDATES.length];
                some[1] = Float.NEGATIVE_INFINITY;
                g.score(q, CANDIDATES, some);
                for (int k = 0; k < CANDIDATES.length; k++) {
                    assertThat(some[k]).as("%s, query %s, item %d", g.getClass().getSimpleName(), q.user(),
                            CANDIDATES[k]).isEqualTo(all[CANDIDATES[k]]);
                }
            }
        }
    }

    @Test
    void candidatesMustFitTheCatalogAndTheSlots() {
        for (CandidateScorer g : fitted()) {
            assertThatThrownBy(() -> g.score(Query.forUser("carol"), new int[] {6}, new float[1]))
                    .hasMessageEndingWith("candidate 6 is outside the catalog of 6 items");
            assertThatThrownBy(() -> g.score(Query.forUser("carol"), new int[] {1, 2}, new float[1]))
                    .hasMessageEndingWith("got 1 score slots for 2 candidates");
        }
    }
}
