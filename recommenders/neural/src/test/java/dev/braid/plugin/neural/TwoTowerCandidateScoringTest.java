package dev.braid.plugin.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.braid.api.component.Environment;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.generator.Query;
import dev.braid.api.compute.ReferenceBackend;
import dev.braid.testkit.Planted;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two-tower candidate scoring and batch explanations agree with scoring the whole catalog. */
class TwoTowerCandidateScoringTest {
    private static final Planted DATA = new Planted(7, 0.25);
    private static final int[] CANDIDATES = {3, 159, 0, 64, 3};

    @TempDir
    Path dir;

    @Test
    void candidatesScoreAsInTheCatalogForUsersExamplesAndStrangers() {
        TwoTowerConfig c = new TwoTowerConfig(16, 32, 0, true, 0.5, true, true, 0.1, 128, 64, true, true, 20, 4,
                0.01, 0, 0, 1, 3, 2000, 1, "");
        TwoTowerGenerator t = new TwoTowerGenerator(c, new Environment(dir, dir, 1), new ReferenceBackend());
        t.fit(DATA.data(42), ProgressListener.NONE);
        List<Query> queries = List.of(Query.forUser("u5"), new Query(null, DATA.content.row(1), null, null),
                Query.forUser("stranger"));
        for (Query q : queries) {
            float[] incoming = new float[Planted.ITEMS];
            incoming[64] = Float.NEGATIVE_INFINITY; // filtered by an earlier stage
            float[] all = incoming.clone();
            t.score(q, all);
            float[] some = new float[CANDIDATES.length];
            for (int k = 0; k < some.length; k++) {
                some[k] = incoming[CANDIDATES[k]];
            }
            t.score(q, CANDIDATES, some);
            List<List<String>> reasons = t.explain(q, CANDIDATES);
            for (int k = 0; k < CANDIDATES.length; k++) {
                float expected = all[CANDIDATES[k]];
                if (expected == Float.NEGATIVE_INFINITY) {
                    assertThat(some[k]).isEqualTo(expected);
                } else {
                    assertThat(some[k]).as("query %s, item %d", q.user(), CANDIDATES[k]).isCloseTo(expected,
                            within(1e-5f));
                    assertThat(reasons.get(k)).containsExactly(String.format(Locale.ROOT, "two-tower: score %.3f",
                            expected));
                }
                assertThat(t.explain(q, CANDIDATES[k])).isEqualTo(reasons.get(k));
            }
        }
    }
}
