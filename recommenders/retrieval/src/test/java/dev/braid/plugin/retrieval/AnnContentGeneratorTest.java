package dev.braid.plugin.retrieval;

import dev.braid.compute.ReferenceBackend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemFeatures;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Recall of the HNSW generator against exact cosine top-K on a small generated catalog, and its contracts. Tagged
 * slow: building the index takes about 2 s here.
 */
@Tag("slow")
class AnnContentGeneratorTest {
    private static final int N = 1000;
    private static final int DIM = 32;
    private static final ReferenceBackend BACKEND = new ReferenceBackend();

    /** Clustered random vectors (the realistic case for content features), one row absent. */
    private static float[][] vectors(long seed) {
        Random r = new Random(seed);
        float[][] centres = new float[30][DIM];
        for (float[] c : centres) {
            for (int d = 0; d < DIM; d++) {
                c[d] = (float) r.nextGaussian();
            }
        }
        float[][] v = new float[N][];
        for (int i = 0; i < N; i++) {
            float[] c = centres[r.nextInt(centres.length)];
            v[i] = new float[DIM];
            for (int d = 0; d < DIM; d++) {
                v[i][d] = c[d] + 0.7f * (float) r.nextGaussian();
            }
        }
        v[7] = null;
        return v;
    }

    private static final float[][] VECTORS = vectors(11);
    private static final Catalog CATALOG;
    private static final InteractionMatrix HISTORY;

    static {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            items.add(new Item("i" + i, "", Map.of(), null));
        }
        CATALOG = new Catalog(items);
        HISTORY = InteractionMatrix.of(CATALOG, List.of(Interaction.implicit("u", "i1"),
                Interaction.implicit("u", "i2"), Interaction.implicit("u", "i7")));
    }

    private static AnnContentGenerator fitted(AnnContentConfig config) {
        AnnContentGenerator g = new AnnContentGenerator(config, BACKEND);
        g.fit(new TrainingData(CATALOG, new ItemFeatures(Map.of(), FeatureMatrix.ofRows(DIM, VECTORS)), HISTORY, 5),
                ProgressListener.NONE);
        return g;
    }

    /** One index for every test (building it is the slow part). */
    private static AnnContentGenerator shared;

    private static synchronized AnnContentGenerator shared() {
        if (shared == null) {
            shared = fitted(config(10, 64));
        }
        return shared;
    }

    private static AnnContentConfig config(int candidates, int ef) {
        return new AnnContentConfig(16, 100, ef, candidates, 0.5, 0);
    }

    /** Exact top-k rows by cosine to q, skipping absent rows. */
    private static Set<Integer> exact(float[] q, int k) {
        double qn = Math.sqrt(dot(q, q));
        Integer[] idx = new Integer[N];
        double[] cos = new double[N];
        for (int i = 0; i < N; i++) {
            idx[i] = i;
            cos[i] = VECTORS[i] == null ? Double.NEGATIVE_INFINITY
                    : dot(q, VECTORS[i]) / (qn * Math.sqrt(dot(VECTORS[i], VECTORS[i])));
        }
        Arrays.sort(idx, (a, b) -> Double.compare(cos[b], cos[a]));
        return new HashSet<>(Arrays.asList(idx).subList(0, k));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static Set<Integer> retrieved(float[] scores) {
        Set<Integer> out = new HashSet<>();
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] != Float.NEGATIVE_INFINITY) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void recallAtTenAgainstExactIsHigh() {
        AnnContentGenerator g = shared();
        Random r = new Random(3);
        int hits = 0;
        int queries = 100;
        for (int t = 0; t < queries; t++) {
            float[] q = VECTORS[r.nextInt(N)].clone();
            if (t % 2 == 0) {
                for (int d = 0; d < DIM; d++) {
                    q[d] += (float) r.nextGaussian();
                }
            }
            float[] s = new float[N];
            g.score(new Query(null, q, Set.of(), Map.of()), s);
            Set<Integer> got = retrieved(s);
            assertThat(got).hasSize(10);
            got.retainAll(exact(q, 10));
            hits += got.size();
        }
        assertThat(hits / (10.0 * queries)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void scoresAreTheCosinesOfTheRetrievedItems() {
        AnnContentGenerator g = shared();
        float[] q = VECTORS[100];
        float[] s = new float[N];
        g.score(new Query(null, q, Set.of(), Map.of()), s);
        assertThat(s[100]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
        for (int i : retrieved(s)) {
            double cos = dot(q, VECTORS[i]) / Math.sqrt(dot(q, q) * dot(VECTORS[i], VECTORS[i]));
            assertThat((double) s[i]).isCloseTo(cos, org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void userProfileQueriesFindTheExactNeighboursOfTheProfile() {
        AnnContentGenerator g = shared();
        float[] profile = new float[DIM];
        for (int item : new int[] {1, 2}) { // i7 has no vector
            double n = Math.sqrt(dot(VECTORS[item], VECTORS[item]));
            for (int d = 0; d < DIM; d++) {
                profile[d] += (float) (VECTORS[item][d] / n);
            }
        }
        float[] s = new float[N];
        g.score(Query.forUser("u"), s);
        Set<Integer> got = retrieved(s);
        got.retainAll(exact(profile, 10));
        assertThat(got.size()).isGreaterThanOrEqualTo(9);
    }

    @Test
    void earlierFiltersAreHonouredInsideTheSearch() {
        AnnContentGenerator g = shared();
        float[] q = VECTORS[100];
        Set<Integer> unfiltered = exact(q, 10);
        float[] s = new float[N];
        unfiltered.forEach(i -> s[i] = Float.NEGATIVE_INFINITY);
        g.score(new Query(null, q, Set.of(), Map.of()), s);
        Set<Integer> got = retrieved(s);
        assertThat(got).hasSize(10).doesNotContainAnyElementsOf(unfiltered);
        assertThat(s[7]).isEqualTo(Float.NEGATIVE_INFINITY);
    }

    @Test
    void queriesWithoutUserOrVectorLeaveZeros() {
        AnnContentGenerator g = shared();
        float[] s = new float[N];
        s[3] = Float.NEGATIVE_INFINITY;
        g.score(Query.forUser("stranger"), s);
        assertThat(s[0]).isZero();
        assertThat(s[3]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> g.score(new Query(null, new float[3], Set.of(), Map.of()), new float[N]))
                .hasMessageContaining("dimension 3");
    }
}
