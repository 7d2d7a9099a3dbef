package dev.braid.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Modality;
import dev.braid.api.fusion.FusionInput;
import dev.braid.api.fusion.FusionStrategy;
import dev.braid.api.fusion.ModalityVectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The promises of {@link FusionStrategy}, as tests a plugin's fusion test inherits: extend this class and create
 * the strategy in {@link #newStrategy()} (from {@link #environment} and {@link #resources} where it takes them). Each test fits fresh strategies on {@link #input()} (by default
 * {@link PlantedFusion#clustered}: two modalities that both show the item's cluster, some items missing one).
 */
public abstract class FusionContract extends ComponentContract {
    /** The seed of the default input. */
    protected static final long SEED = 7;

    /** A new, unfitted strategy (same configuration on every call). */
    protected abstract FusionStrategy newStrategy() throws Exception;

    /** What the strategies are fitted on. */
    protected FusionInput input() {
        return PlantedFusion.clustered(SEED);
    }


    protected FusionContract() {
        super(SEED);
    }

    /** A new strategy fitted on {@code in}; closed after the test. */
    protected final FusionStrategy fitted(FusionInput in) throws Exception {
        return fittedAndClosedAfterTest(newStrategy(), f -> f.fit(in, ProgressListener.NONE));
    }

    @Test
    void fusesItemsWithTheirModalitiesToTheDeclaredDimension() throws Exception {
        FusionInput in = input();
        FusionStrategy f = fitted(in);
        assertTrue(f.dimension() > 0, "dimension " + f.dimension());
        int complete = 0;
        for (int i = 0; i < in.catalog().size(); i++) {
            ModalityVectors row = in.row(i);
            if (row.isEmpty()) {
                continue;
            }
            float[] v = f.fuse(row);
            String item = in.catalog().item(i).id();
            if (row.present().containsAll(in.modalities().keySet())) {
                assertNotNull(v, "no vector for " + item + ", which has every modality fitted on");
                complete++;
            }
            if (v != null) {
                assertFinite(v, f.dimension(), item);
            }
        }
        assertTrue(complete > 0, "the input has items with every modality");
    }

    @Test
    void everySubsetOfTheModalitiesGivesAFiniteVectorOrNull() throws Exception {
        FusionInput in = input();
        FusionStrategy f = fitted(in);
        int item = firstComplete(in);
        ModalityVectors all = in.row(item);
        for (Modality m : all.present()) {
            float[] v = f.fuse(ModalityVectors.of(Map.of(m, all.get(m).orElseThrow())));
            if (v != null) {
                assertFinite(v, f.dimension(), in.catalog().item(item).id() + " with " + m.key() + " only");
            }
        }
        assertNull(f.fuse(ModalityVectors.of(Map.of())), "an item with no modality fuses to null");
    }

    /**
     * Items with every modality, fused with all but one of them and with the others replaced by zero vectors: where
     * the other modalities count at all, the two must differ (absent is masked and re-weighted, not zero-filled).
     */
    @Test
    void anAbsentModalityIsNotTakenForZeros() throws Exception {
        FusionInput in = input();
        FusionStrategy f = fitted(in);
        int differs = 0;
        int tried = 0;
        for (int i = 0; i < in.catalog().size() && tried < 20; i++) {
            ModalityVectors all = in.row(i);
            if (!all.present().containsAll(in.modalities().keySet()) || all.present().size() < 2) {
                continue;
            }
            Modality kept = all.present().iterator().next();
            EnumMap<Modality, float[]> partial = new EnumMap<>(Modality.class);
            EnumMap<Modality, float[]> zeros = new EnumMap<>(Modality.class);
            for (Modality m : all.present()) {
                float[] v = all.get(m).orElseThrow();
                if (m == kept) {
                    partial.put(m, v);
                    zeros.put(m, v);
                } else {
                    zeros.put(m, new float[v.length]);
                }
            }
            float[] missing = f.fuse(ModalityVectors.of(partial));
            float[] zero = f.fuse(ModalityVectors.of(zeros));
            if (missing == null || Arrays.equals(missing, f.fuse(all))) {
                // The strategy ignores the other modalities (e.g. it kept the best single input): nothing to mask.
                continue;
            }
            tried++;
            if (zero == null || !Arrays.equals(missing, zero)) {
                differs++;
            }
        }
        assertTrue(tried == 0 || differs > 0,
                "an item missing a modality fused exactly like one whose vector is zeros, for all " + tried);
    }

    @Test
    void twoInstancesFittedOnOneInputFuseAlike() throws Exception {
        FusionInput in = input();
        FusionStrategy a = fitted(in);
        FusionStrategy b = fitted(in);
        assertEquals(a.dimension(), b.dimension());
        for (int i = 0; i < in.catalog().size(); i++) {
            ModalityVectors row = in.row(i);
            if (!row.isEmpty()) {
                assertClose(a.fuse(row), b.fuse(row), in.catalog().item(i).id());
            }
        }
    }

    @Test
    void fuseIsSafeFromSeveralThreadsAfterFit() throws Exception {
        FusionInput in = input();
        FusionStrategy f = fitted(in);
        List<float[]> expected = fuseAll(f, in);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<float[]>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> fuseAll(f, in)));
            }
            for (Future<List<float[]>> run : runs) {
                List<float[]> got = run.get();
                for (int i = 0; i < expected.size(); i++) {
                    assertClose(expected.get(i), got.get(i), in.catalog().item(i).id() + " on a parallel thread");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fusedVectorsKeepThePlantedClusters() throws Exception {
        FusionInput in = input();
        FusionStrategy f = fitted(in);
        List<float[]> fused = fuseAll(f, in);
        double same = 0;
        double other = 0;
        long nSame = 0;
        long nOther = 0;
        for (int i = 0; i < fused.size(); i++) {
            for (int j = i + 1; j < fused.size(); j++) {
                if (fused.get(i) == null || fused.get(j) == null) {
                    continue;
                }
                double c = Vectors.cosine(fused.get(i), fused.get(j));
                if (PlantedFusion.cluster(i) == PlantedFusion.cluster(j)) {
                    same += c;
                    nSame++;
                } else {
                    other += c;
                    nOther++;
                }
            }
        }
        assertTrue(nSame > 0 && nOther > 0, "fused pairs");
        assertTrue(same / nSame > other / nOther + 0.2, "mean cosine within clusters " + same / nSame
                + " vs across " + other / nOther);
    }

    @Test
    void reportsAreFiniteAndNameFittedModalities() throws Exception {
        FusionInput in = input();
        FusionStrategy f = fitted(in);
        f.modalityWeights().forEach((m, w) -> {
            assertTrue(in.modalities().containsKey(m), "a weight for " + m.key() + ", which was not fitted on");
            assertTrue(Double.isFinite(w), "weight of " + m.key() + ": " + w);
        });
        assertNotNull(f.fitSummary());
    }

    @Test
    void closeReleasesSharedResourcesAndIsIdempotent() throws Exception {
        FusionStrategy f = newStrategy();
        f.fit(input(), ProgressListener.NONE);
        assertClosesTwice(f);
    }

    private static List<float[]> fuseAll(FusionStrategy f, FusionInput in) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < in.catalog().size(); i++) {
            ModalityVectors row = in.row(i);
            out.add(row.isEmpty() ? null : f.fuse(row));
        }
        return out;
    }

    private static int firstComplete(FusionInput in) {
        for (int i = 0; i < in.catalog().size(); i++) {
            if (in.row(i).present().containsAll(in.modalities().keySet())) {
                return i;
            }
        }
        throw new AssertionError("the input has no item with every modality");
    }

    private static void assertFinite(float[] v, int dimension, String what) {
        assertEquals(dimension, v.length, "length of the fused vector of " + what);
        for (float x : v) {
            assertTrue(Float.isFinite(x), "non-finite value in the fused vector of " + what);
        }
    }

    private void assertClose(float[] expected, float[] actual, String what) {
        if (expected == null || actual == null) {
            assertEquals(expected == null, actual == null, "null for one and not the other: " + what);
            return;
        }
        assertArrayEquals(expected, actual, (float) tolerance(), what);
    }
}
