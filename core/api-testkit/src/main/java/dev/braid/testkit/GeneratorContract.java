package dev.braid.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.compute.ComputeBackend;
import dev.braid.api.compute.ReferenceBackend;
import dev.braid.api.generator.Generator;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The promises of {@link Generator}, as tests a plugin's generator test inherits: extend this class and create the
 * generator in {@link #newGenerator()} (from {@link #environment}, {@link #resources} and {@link #backend} where it
 * takes them). Each test fits fresh generators on {@link #trainingData()}: by default {@link Planted} data (four
 * groups of users and items, content that shows the group, a fifth of the positives held out).
 */
public abstract class GeneratorContract extends ComponentContract {
    /** The seed of the data and of {@link #environment}. */
    protected static final long SEED = 11;
    /** How many items the recommendation tests ask for. */
    protected static final int K = 10;

    /** The compute backend to construct generators with: the plain-Java reference. */
    protected final ComputeBackend backend = new ReferenceBackend();
    /** The planted data {@link #trainingData()} draws from. */
    protected final Planted planted = new Planted(SEED, 0);

    /** A new, unfitted generator (same configuration on every call). */
    protected abstract Generator newGenerator() throws Exception;

    /** What the generators are fitted on. */
    protected TrainingData trainingData() {
        return planted.data(SEED);
    }

    /**
     * Whether the generator learns from interactions or content, so that on planted data it must beat a random
     * ranking of the held-out positives by a clear margin; false for rules and for generators whose signal the
     * planted data does not carry.
     */
    protected boolean learns() {
        return true;
    }

    /** The held-out AUC a learning generator must reach (a random ranking reaches 0.5). */
    protected double minimumAuc() {
        return 0.65;
    }

    /** Whether {@link Generator#explain} gives reasons for the items it recommends to a known user. */
    protected boolean explains() {
        return true;
    }

    protected GeneratorContract() {
        super(SEED);
    }

    /** A new generator fitted on {@link #trainingData()}; closed after the test. */
    protected final Generator fitted() throws Exception {
        return fittedAndClosedAfterTest(newGenerator(), g -> g.fit(trainingData(), ProgressListener.NONE));
    }

    @Test
    void beatsARandomRankingOfHeldOutPositives() throws Exception {
        // A stage that learns nothing is not held to this promise: the test is reported skipped, not passed.
        assumeTrue(learns(), "learns() is false: the generator is not expected to beat a random ranking");
        double auc = planted.auc(fitted(), false);
        assertTrue(auc >= minimumAuc(), "held-out AUC " + auc + " < " + minimumAuc() + " (random: 0.5)");
    }

    @Test
    void scoresAreFiniteForKnownAndUnknownUsers() throws Exception {
        Generator g = fitted();
        int items = trainingData().catalog().size();
        for (String user : List.of("u0", "u1", "u2", "u3", "nobody-knows-me")) {
            float[] s = scores(g, Query.forUser(user), items);
            for (int i = 0; i < items; i++) {
                assertFalse(Float.isNaN(s[i]) || s[i] == Float.POSITIVE_INFINITY,
                        "score of item " + i + " for " + user + ": " + s[i]);
            }
        }
    }

    @Test
    void excludedItemsLeaveTheRestOfTheListInOrder() throws Exception {
        Generator g = fitted();
        TrainingData data = trainingData();
        List<String> full = top(g, Query.forUser("u1"), K + 3);
        assertFalse(full.isEmpty(), "no recommendation for a known user");
        Set<String> excluded = new HashSet<>(full.subList(0, Math.min(3, full.size())));
        List<String> rest = top(g, new Query("u1", null, excluded, Map.of()), K);
        for (String id : rest) {
            assertFalse(excluded.contains(id), "excluded item " + id + " recommended");
        }
        List<String> expected = full.subList(excluded.size(), full.size());
        assertEquals(expected.subList(0, Math.min(rest.size(), expected.size())),
                rest.subList(0, Math.min(rest.size(), expected.size())), "the list after the excluded items");
        assertTrue(rest.size() <= K && data.catalog().size() > 0);
    }

    /**
     * In a chain, an item an earlier stage filtered ({@link Float#NEGATIVE_INFINITY}) stays filtered: a model-based
     * generator overwrites the other scores, a rule adjusts them, neither brings a filtered item back.
     */
    @Test
    void anItemFilteredByAnEarlierStageStaysFiltered() throws Exception {
        Generator g = fitted();
        int items = trainingData().catalog().size();
        for (String user : List.of("u1", "nobody-knows-me")) {
            float[] s = new float[items];
            for (int i = 0; i < items; i += 7) {
                s[i] = Float.NEGATIVE_INFINITY;
            }
            g.score(Query.forUser(user), s);
            for (int i = 0; i < items; i += 7) {
                assertEquals(Float.NEGATIVE_INFINITY, s[i], "item " + i + ", filtered before, for " + user);
            }
        }
    }

    @Test
    void explanationsAreReasons() throws Exception {
        Generator g = fitted();
        TrainingData data = trainingData();
        Query q = Query.forUser("u2");
        int reasons = 0;
        for (String id : top(g, q, 5)) {
            List<String> r = g.explain(q, data.catalog().indexOf(id));
            assertNotNull(r, "explain(" + id + ")");
            for (String reason : r) {
                assertTrue(reason != null && !reason.isBlank(), "a blank reason for " + id + ": " + r);
            }
            reasons += r.size();
        }
        assertTrue(!explains() || reasons > 0, "no reason for any of the top 5 of u2");
    }

    @Test
    void twoInstancesFittedWithOneSeedScoreAlike() throws Exception {
        Generator a = fitted();
        Generator b = fitted();
        int items = trainingData().catalog().size();
        for (String user : List.of("u0", "u5")) {
            float[] sa = scores(a, Query.forUser(user), items);
            float[] sb = scores(b, Query.forUser(user), items);
            assertArrayEquals(sa, sb, (float) tolerance(), "scores for " + user);
        }
    }

    @Test
    void scoreIsSafeFromSeveralThreadsAfterFit() throws Exception {
        Generator g = fitted();
        int items = trainingData().catalog().size();
        List<String> users = List.of("u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7");
        List<float[]> expected = new ArrayList<>();
        for (String u : users) {
            expected.add(scores(g, Query.forUser(u), items));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<float[]>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    List<float[]> out = new ArrayList<>();
                    for (String u : users) {
                        out.add(scores(g, Query.forUser(u), items));
                    }
                    return out;
                }));
            }
            for (Future<List<float[]>> run : runs) {
                List<float[]> got = run.get();
                for (int u = 0; u < users.size(); u++) {
                    assertArrayEquals(expected.get(u), got.get(u), "scores for " + users.get(u) + " on a parallel thread");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fitSummaryIsNeverNull() throws Exception {
        assertNotNull(fitted().fitSummary());
    }

    @Test
    void closeReleasesSharedResourcesAndIsIdempotent() throws Exception {
        Generator g = newGenerator();
        g.fit(trainingData(), ProgressListener.NONE);
        assertClosesTwice(g);
    }

    /** The scores the generator writes for a query, starting from zeros (it is the first stage of a chain). */
    protected static float[] scores(Generator g, Query q, int items) {
        float[] s = new float[items];
        g.score(q, s);
        return s;
    }

    /**
     * The ids of the top {@code k} items as the runtime recommends them with this generator alone: scores from
     * zeros, the query's excluded items filtered, then the backend's top-K (best first, ties by lower index,
     * filtered items never returned).
     */
    protected final List<String> top(Generator g, Query q, int k) {
        TrainingData data = trainingData();
        float[] s = scores(g, q, data.catalog().size());
        for (String id : q.exclude()) {
            int i = data.catalog().indexOf(id);
            if (i >= 0) {
                s[i] = Float.NEGATIVE_INFINITY;
            }
        }
        return Arrays.stream(backend.topK(s, k)).mapToObj(i -> data.catalog().item(i).id()).toList();
    }
}
