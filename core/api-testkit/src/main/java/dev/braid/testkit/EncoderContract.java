package dev.braid.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemContent;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.ModalityEncoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The promises of {@link ModalityEncoder}, as tests a plugin's encoder test inherits: extend this class, create the
 * encoder in {@link #newEncoder()} (from {@link #environment} and {@link #resources} where it takes them), and give
 * the catalog it encodes in {@link #catalog()} unless it reads text or attributes. Every test fits a fresh encoder on that catalog first.
 */
public abstract class EncoderContract extends ComponentContract {
    /** The seed of {@link #environment}. */
    protected static final long SEED = 42;


    /** A new encoder, configured as the tests should run it (same configuration on every call). */
    protected abstract ModalityEncoder newEncoder() throws Exception;

    /**
     * Items that all carry the encoder's modality and must all encode; by default 60 items of {@link
     * Planted#textItems} (text and attributes): override it for other modalities.
     */
    protected List<Item> catalog() throws Exception {
        return Planted.textItems(60, SEED);
    }

    /**
     * An item that has the modality but cannot be encoded (corrupt bytes, a missing file), or empty when the
     * modality admits no such item.
     */
    protected Optional<Item> brokenItem() throws Exception {
        return Optional.empty();
    }

    protected EncoderContract() {
        super(SEED);
    }

    /** A new encoder, fitted on {@link #catalog()}; closed after the test. */
    protected final ModalityEncoder fitted() throws Exception {
        return fittedAndClosedAfterTest(newEncoder(), e -> e.fit(catalog(), ProgressListener.NONE));
    }

    @Test
    void encodesEveryItemOfThePlantedCatalogToTheDeclaredDimension() throws Exception {
        ModalityEncoder e = fitted();
        List<Item> items = catalog();
        List<float[]> vectors = vectors(e, items);
        assertTrue(e.dimension() > 0, "dimension " + e.dimension());
        for (int i = 0; i < items.size(); i++) {
            float[] v = vectors.get(i);
            assertEquals(e.dimension(), v.length, "vector length of " + items.get(i).id());
            for (float x : v) {
                assertTrue(Float.isFinite(x), "non-finite value in the vector of " + items.get(i).id());
            }
        }
    }

    @Test
    void everyResultOwnsItsArray() throws Exception {
        List<EncodingResult> r = fitted().encode(catalog());
        Set<float[]> arrays = Collections.newSetFromMap(new IdentityHashMap<>());
        for (EncodingResult x : r) {
            assertTrue(arrays.add(((EncodingResult.Success) x).vector()), "array reused for " + x.itemId());
        }
    }

    @Test
    void anItemsVectorDoesNotDependOnItsBatch() throws Exception {
        ModalityEncoder e = fitted();
        List<Item> items = catalog();
        List<float[]> whole = vectors(e, items);
        List<Item> reversed = new ArrayList<>(items);
        Collections.reverse(reversed);
        List<float[]> back = vectors(e, reversed);
        for (int i = 0; i < items.size(); i++) {
            assertClose(whole.get(i), back.get(items.size() - 1 - i), items.get(i).id() + " in reverse order");
            assertClose(whole.get(i), vectors(e, List.of(items.get(i))).get(0), items.get(i).id() + " alone");
        }
    }

    @Test
    void twoInstancesWithOneConfigurationAndSeedEncodeAlike() throws Exception {
        ModalityEncoder a = fitted();
        ModalityEncoder b = fitted();
        List<Item> items = catalog();
        List<float[]> va = vectors(a, items);
        List<float[]> vb = vectors(b, items);
        for (int i = 0; i < items.size(); i++) {
            assertClose(va.get(i), vb.get(i), items.get(i).id());
        }
        assertEquals(a.fingerprint(), b.fingerprint(), "fingerprint");
    }

    @Test
    void encodeIsSafeFromSeveralThreadsAfterFit() throws Exception {
        ModalityEncoder e = fitted();
        List<Item> items = catalog();
        List<float[]> expected = vectors(e, items);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<float[]>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> vectors(e, items)));
            }
            for (Future<List<float[]>> run : runs) {
                List<float[]> got = run.get();
                for (int i = 0; i < items.size(); i++) {
                    assertClose(expected.get(i), got.get(i), items.get(i).id() + " on a parallel thread");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anItemWithoutTheModalityFailsAsMissingAndTheOthersEncode() throws Exception {
        ModalityEncoder e = fitted();
        List<Item> items = catalog();
        Item bare = new Item("no-" + e.modality().key(), "", Map.of(), ItemContent.EMPTY);
        List<EncodingResult> r = e.encode(List.of(items.get(0), bare, items.get(1)));
        assertEquals(List.of(items.get(0).id(), bare.id(), items.get(1).id()),
                r.stream().map(EncodingResult::itemId).toList(), "one result per item, in order");
        assertInstanceOf(EncodingResult.Success.class, r.get(0));
        EncodingResult.Failure f = assertInstanceOf(EncodingResult.Failure.class, r.get(1));
        assertEquals(EncodingResult.FailureKind.MISSING, f.kind(), "kind of " + f);
        assertInstanceOf(EncodingResult.Success.class, r.get(2));
    }

    @Test
    void aBrokenItemIsAnErrorNamingItAndDoesNotSinkTheBatch() throws Exception {
        Optional<Item> broken = brokenItem();
        assumeTrue(broken.isPresent(), "brokenItem() is empty: the modality admits no broken item");
        ModalityEncoder e = fitted();
        List<Item> items = catalog();
        Item bad = broken.get();
        assertTrue(bad.has(e.modality()), "the broken item must carry the modality");
        List<EncodingResult> r = assertDoesNotThrow(() -> e.encode(List.of(items.get(0), bad, items.get(1))));
        assertEquals(3, r.size());
        EncodingResult.Failure f = assertInstanceOf(EncodingResult.Failure.class, r.get(1));
        assertEquals(bad.id(), f.itemId());
        assertFalse(f.message().isBlank(), "a message that says why");
        assertTrue(f.kind() != EncodingResult.FailureKind.MISSING, "the content is there: " + f);
        assertClose(vectors(e, List.of(items.get(0))).get(0), ((EncodingResult.Success) r.get(0)).vector(),
                "the item before the broken one");
        assertInstanceOf(EncodingResult.Success.class, r.get(2));
    }

    @Test
    void anEmptyBatchGivesNoResults() throws Exception {
        assertTrue(fitted().encode(List.of()).isEmpty());
    }

    @Test
    void closeReleasesSharedResourcesAndIsIdempotent() throws Exception {
        ModalityEncoder e = newEncoder();
        e.fit(catalog(), ProgressListener.NONE);
        e.encode(catalog().subList(0, 1));
        assertClosesTwice(e);
    }

    /** The vectors of {@code items}, failing on any failure. */
    protected static List<float[]> vectors(ModalityEncoder e, List<Item> items) {
        List<EncodingResult> r = e.encode(items);
        assertEquals(items.size(), r.size(), "one result per item");
        List<float[]> out = new ArrayList<>(r.size());
        for (int i = 0; i < r.size(); i++) {
            EncodingResult x = r.get(i);
            assertEquals(items.get(i).id(), x.itemId(), "results in the order of the items");
            if (x instanceof EncodingResult.Failure f) {
                throw new AssertionError("item " + f.itemId() + " did not encode: " + f.kind() + " " + f.message());
            }
            out.add(((EncodingResult.Success) x).vector());
        }
        return out;
    }

    private void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        if (tolerance() == 0) {
            assertArrayEquals(expected, actual, what);
        } else {
            assertArrayEquals(expected, actual, (float) tolerance(), what);
        }
    }
}
