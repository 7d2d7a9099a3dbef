package dev.braid.plugin.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.component.Environment;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.compute.ReferenceBackend;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemFeatures;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        return fitted(config, CATALOG, VECTORS, DIM, Path.of("target", "ann-cache"));
    }

    private static AnnContentGenerator fitted(AnnContentConfig config, Catalog catalog, float[][] vectors, int dim,
                                              Path cache) {
        AnnContentGenerator g = new AnnContentGenerator(config, BACKEND, new Environment(cache, cache, 5));
        InteractionMatrix history = InteractionMatrix.of(catalog, List.of(Interaction.implicit("u", "i1")));
        g.fit(new TrainingData(catalog, new ItemFeatures(Map.of(), FeatureMatrix.ofRows(dim, vectors)),
                catalog == CATALOG ? HISTORY : history, 5), ProgressListener.NONE);
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
        return new AnnContentConfig(16, 100, ef, candidates, 0.5, 0, 1, false);
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

    /** A larger catalog (more than two of Lucene's concurrent batches), for the concurrent builder. */
    private static final int BIG = 6000;
    private static final int BIG_DIM = 16;

    private static float[][] bigVectors(long seed) {
        Random r = new Random(seed);
        float[][] centres = new float[60][BIG_DIM];
        for (float[] c : centres) {
            for (int d = 0; d < BIG_DIM; d++) {
                c[d] = (float) r.nextGaussian();
            }
        }
        float[][] v = new float[BIG][BIG_DIM];
        for (int i = 0; i < BIG; i++) {
            float[] c = centres[r.nextInt(centres.length)];
            for (int d = 0; d < BIG_DIM; d++) {
                v[i][d] = c[d] + 0.5f * (float) r.nextGaussian();
            }
        }
        return v;
    }

    private static Catalog bigCatalog() {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < BIG; i++) {
            items.add(new Item("i" + i, "", Map.of(), null));
        }
        return new Catalog(items);
    }

    private static Set<Integer> exactIn(float[][] vectors, float[] q, int k) {
        Integer[] idx = new Integer[vectors.length];
        double[] cos = new double[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            idx[i] = i;
            cos[i] = dot(q, vectors[i]) / Math.sqrt(dot(q, q) * dot(vectors[i], vectors[i]));
        }
        Arrays.sort(idx, (a, b) -> Double.compare(cos[b], cos[a]));
        return new HashSet<>(Arrays.asList(idx).subList(0, k));
    }

    private static double recall(AnnContentGenerator g, float[][] vectors, int queries) {
        Random r = new Random(9);
        int hits = 0;
        for (int t = 0; t < queries; t++) {
            float[] q = vectors[r.nextInt(vectors.length)].clone();
            for (int d = 0; d < q.length; d++) {
                q[d] += 0.5f * (float) r.nextGaussian();
            }
            float[] s = new float[vectors.length];
            g.score(new Query(null, q, Set.of(), Map.of()), s);
            Set<Integer> got = retrieved(s);
            got.retainAll(exactIn(vectors, q, 10));
            hits += got.size();
        }
        return hits / (10.0 * queries);
    }

    @Test
    void concurrentBuildKeepsRecallAndTheIndexIsReadBackFromTheCache(@TempDir Path cache) throws Exception {
        float[][] v = bigVectors(21);
        Catalog catalog = bigCatalog();
        AnnContentConfig config = new AnnContentConfig(16, 100, 64, 10, 0.5, 0, 2, true);
        AnnContentGenerator built = fitted(config, catalog, v, BIG_DIM, cache);
        assertThat(built.indexWasRead()).isFalse();
        assertThat(recall(built, v, 50)).isGreaterThanOrEqualTo(0.9);
        List<Path> files;
        try (var list = Files.list(cache.resolve("ann-content"))) {
            files = list.toList();
        }
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getFileName().toString()).matches("hnsw-[0-9a-f]{16}\\.bin");

        // Same vectors and parameters: the graph is read back and answers exactly as the built one.
        AnnContentGenerator read = fitted(config, catalog, v, BIG_DIM, cache);
        assertThat(read.indexWasRead()).isTrue();
        Random r = new Random(4);
        for (int t = 0; t < 20; t++) {
            float[] q = v[r.nextInt(BIG)];
            float[] a = new float[BIG];
            float[] b = new float[BIG];
            built.score(new Query(null, q, Set.of(), Map.of()), a);
            read.score(new Query(null, q, Set.of(), Map.of()), b);
            assertThat(b).containsExactly(a);
        }

        // Other vectors: another key, so the file is not used.
        float[][] other = bigVectors(22);
        assertThat(fitted(config, catalog, other, BIG_DIM, cache).indexWasRead()).isFalse();

        // A damaged file is rebuilt (and replaced), never served.
        Files.write(files.get(0), new byte[] {1, 2, 3});
        AnnContentGenerator rebuilt = fitted(config, catalog, v, BIG_DIM, cache);
        assertThat(rebuilt.indexWasRead()).isFalse();
        assertThat(recall(rebuilt, v, 20)).isGreaterThanOrEqualTo(0.9);
        assertThat(fitted(config, catalog, v, BIG_DIM, cache).indexWasRead()).isTrue();

        // The same index in format 1 (magic, format, key, then the same body): refused, so built again and replaced.
        Files.write(files.get(0), formatOne(Files.readAllBytes(files.get(0))));
        assertThat(fitted(config, catalog, v, BIG_DIM, cache).indexWasRead()).isFalse();
        assertThat(fitted(config, catalog, v, BIG_DIM, cache).indexWasRead()).isTrue();
    }

    /** A current index file rewritten with the header of format 1, which had no kind. */
    private static byte[] formatOne(byte[] current) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(current));
        long magic = in.readLong();
        assertThat(in.readInt()).isEqualTo(HnswIndex.FILE.version());
        assertThat(in.readUTF()).isEqualTo(AnnContentGenerator.NAME);
        long key = in.readLong();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeLong(magic);
        out.writeInt(1);
        out.writeLong(key);
        out.write(in.readAllBytes());
        out.flush();
        return bytes.toByteArray();
    }
}
