package dev.braid.plugin.factorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.component.Environment;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.generator.CandidateScorer;
import dev.braid.api.generator.Query;
import dev.braid.testkit.Planted;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Candidate scoring and batch explanations of BPR and VBPR agree with scoring the whole catalog. */
class CandidateScoringTest {
    private static final Planted DATA = new Planted(5, 0.2);
    private static final int[] CANDIDATES = {7, 0, 159, 42, 7, 81};

    @TempDir
    Path dir;

    private List<CandidateScorer> fitted() {
        Environment env = new Environment(dir, dir, 1);
        BprGenerator bpr = new BprGenerator(new BprConfig(8, true, BprTraining.of(10, 0, "")),
                env);
        VbprGenerator vbpr = new VbprGenerator(new VbprConfig(8, 4, 0.001, 128, 0, 0, BprTraining.of(10, 0, "")), env);
        bpr.fit(DATA.data(3), ProgressListener.NONE);
        vbpr.fit(DATA.data(3), ProgressListener.NONE);
        return List.of(bpr, vbpr);
    }

    @Test
    void candidateScoresEqualTheCatalogScoresAndKeepEarlierFilters() {
        for (CandidateScorer g : fitted()) {
            for (Query q : List.of(Query.forUser("u3"), Query.forUser("nobody"),
                    new Query(null, null, Set.of(), Map.of()))) {
                float[] all = new float[Planted.ITEMS];
                all[42] = Float.NEGATIVE_INFINITY;
                g.score(q, all);
                float[] some = new float[CANDIDATES.length];
                some[3] = Float.NEGATIVE_INFINITY; // candidate 42, filtered by an earlier stage
                g.score(q, CANDIDATES, some);
                for (int k = 0; k < CANDIDATES.length; k++) {
                    assertThat(some[k]).as("%s, %s, item %d", g, q.user(), CANDIDATES[k])
                            .isEqualTo(all[CANDIDATES[k]]);
                }
                assertThat(some).doesNotContain(0f); // a trained model scores every item
            }
        }
    }

    @Test
    void batchExplanationsGiveEachItemsScoreAndMatchTheSingleItemMethod() {
        for (CandidateScorer g : fitted()) {
            Query q = Query.forUser("u9");
            float[] all = new float[Planted.ITEMS];
            g.score(q, all);
            List<List<String>> reasons = g.explain(q, CANDIDATES);
            assertThat(reasons).hasSize(CANDIDATES.length);
            for (int k = 0; k < CANDIDATES.length; k++) {
                String name = g instanceof BprGenerator ? "bpr" : "vbpr";
                assertThat(reasons.get(k)).containsExactly(
                        String.format(Locale.ROOT, "%s: score %.3f", name, all[CANDIDATES[k]]));
                assertThat(g.explain(q, CANDIDATES[k])).isEqualTo(reasons.get(k));
            }
        }
    }

    @Test
    void candidatesOutsideTheCatalogAreNamed() {
        CandidateScorer bpr = fitted().get(0);
        assertThatThrownBy(() -> bpr.score(Query.forUser("u1"), new int[] {160}, new float[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bpr: candidate 160 is outside the catalog of 160 items");
    }
}
