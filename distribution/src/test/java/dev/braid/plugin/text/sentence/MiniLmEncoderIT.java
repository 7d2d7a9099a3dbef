package dev.braid.plugin.text.sentence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.component.Environment;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemContent;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.EncodingResult.FailureKind;
import dev.braid.platform.host.HostClassLoaderScope;
import dev.braid.api.encoder.ModalityEncoder;
import dev.braid.runtime.BraidHome;
import dev.braid.runtime.inject.RefCountedResources;
import dev.braid.runtime.platform.NativePlatform;
import dev.braid.testkit.EncoderContract;
import dev.braid.testkit.Planted;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real all-MiniLM-L6-v2 from the host class path, as the runtime would: it needs the runtime's native
 * platform set-up and the model jars of {@code lib/}, so it runs with the integration tests (in the bundle's package,
 * for its package-private model helpers).
 */
@Tag("slow")
class MiniLmEncoderIT {
    private static final RefCountedResources RESOURCES = new RefCountedResources();
    private static Environment env;
    private static MiniLmEncoder encoder;

    @BeforeAll
    static void load() {
        // An earlier test in this JVM may have pointed the natives at its own cache, since deleted with its folder.
        for (String key : List.of("onnxruntime.native.path", "DJL_CACHE_DIR", "ENGINE_CACHE_DIR")) {
            String value = System.getProperty(key);
            if (value != null && !Files.isDirectory(Path.of(value))) {
                System.clearProperty(key);
            }
        }
        Path cache = BraidHome.defaultCache();
        NativePlatform.configure(cache);
        env = new Environment(cache, Path.of("."), 42);
        encoder = new MiniLmEncoder(MiniLmConfig.defaults(), RESOURCES, env);
    }

    @AfterAll
    static void close() {
        encoder.close();
        RESOURCES.close();
    }

    /**
     * MiniLM with its defaults keeps the encoder contract; the model comes from the shared cache folder, where it is
     * extracted once.
     */
    @Nested
    class Contract extends EncoderContract {
        @Override
        protected ModalityEncoder newEncoder() {
            return new MiniLmEncoder(MiniLmConfig.defaults(), resources, env);
        }

        @Override
        protected List<Item> catalog() {
            return Planted.textItems(24, SEED);
        }

        @Override
        protected Optional<Item> brokenItem() {
            return Optional.of(Item.ofText("blank", "  \n"));
        }

        /** Batches are padded to their longest text: padding moves the last bits of the pooled vector. */
        @Override
        protected double tolerance() {
            return 1e-5;
        }
    }

    @Test
    void similarSentencesAreCloserThanUnrelatedOnes() {
        float[][] v = vectors(encoder, "A cat sits on the mat.", "A kitten is sitting on a rug.",
                "The stock market fell sharply on Tuesday.");
        assertThat(encoder.dimension()).isEqualTo(384);
        assertThat(cos(v[0], v[1])).isGreaterThan(cos(v[0], v[2]) + 0.3);
        assertThat(norm(v[0])).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
    }

    @Test
    void batchAndSingleGiveTheSameVectors() {
        List<String> texts = List.of("short", "a somewhat longer sentence about space travel and robots",
                "a medium sentence about cooking", "Years after a friend and fellow 00 agent is killed on a joint "
                        + "mission, a secret space based weapons program known as GoldenEye is stolen.");
        float[][] batch = vectors(encoder, texts.toArray(String[]::new));
        for (int i = 0; i < texts.size(); i++) {
            float[] single = vectors(encoder, texts.get(i))[0];
            assertThat(cos(batch[i], single)).as("text %d", i).isGreaterThan(0.99999);
        }
    }

    @Test
    void emptyAndMissingTextFailOnlyTheirItems() {
        List<Item> items = List.of(Item.ofText("a", "a sunny beach"), Item.ofText("empty", ""),
                Item.ofText("blank", "  \n"), new Item("none", "", Map.of(), ItemContent.EMPTY),
                Item.ofText("b", "waves on the sand"));
        List<EncodingResult> r = encoder.encode(items);
        assertThat(r).extracting(EncodingResult::itemId).containsExactly("a", "empty", "blank", "none", "b");
        assertThat(r.get(0)).isInstanceOf(EncodingResult.Success.class);
        assertThat(((EncodingResult.Failure) r.get(1)).kind()).isEqualTo(FailureKind.INVALID);
        assertThat(((EncodingResult.Failure) r.get(2)).kind()).isEqualTo(FailureKind.INVALID);
        assertThat(((EncodingResult.Failure) r.get(3)).kind()).isEqualTo(FailureKind.MISSING);
        assertThat(r.get(4)).isInstanceOf(EncodingResult.Success.class);
        assertThat(encoder.encode(List.of())).isEmpty();
    }

    @Test
    void longTextIsTruncatedNotFailed() {
        String text = "word ".repeat(2000);
        assertThat(encoder.encode(List.of(Item.ofText("long", text))).get(0))
                .isInstanceOf(EncodingResult.Success.class);
    }

    @Test
    void parallelCallsGiveTheVectorsOfOneSequentialCall() {
        List<Item> items = new java.util.ArrayList<>();
        for (int i = 0; i < 13; i++) {
            items.add(Item.ofText("t" + i, "text number " + i + " about " + "a river and a city ".repeat(i % 5)));
        }
        try (MiniLmEncoder parallel = new MiniLmEncoder(new MiniLmConfig(false, "", 2, 256, 1, 3), RESOURCES, env);
             MiniLmEncoder sequential = new MiniLmEncoder(new MiniLmConfig(false, "", 64, 256, 1, 1), RESOURCES,
                     env)) {
            List<EncodingResult> a = parallel.encode(items);
            List<EncodingResult> b = sequential.encode(items);
            for (int i = 0; i < items.size(); i++) {
                float[] va = ((EncodingResult.Success) a.get(i)).vector();
                float[] vb = ((EncodingResult.Success) b.get(i)).vector();
                assertThat(a.get(i).itemId()).isEqualTo("t" + i);
                for (int d = 0; d < va.length; d++) {
                    assertThat(va[d]).as("item %d dim %d", i, d).isCloseTo(vb[d], org.assertj.core.data.Offset
                            .offset(1e-4f));
                }
            }
        }
    }

    @Test
    void encodersOfOneModelShareIt() {
        int before = RESOURCES.size();
        try (MiniLmEncoder second = new MiniLmEncoder(new MiniLmConfig(false, "", 8, 256, 0, 0), RESOURCES, env)) {
            assertThat(RESOURCES.size()).isEqualTo(before);
            assertThat(second.fingerprint()).isEqualTo(encoder.fingerprint());
        }
    }

    @Test
    void aModelFolderGivesTheSameVectorsAsTheClassPathModel() {
        ModelFiles files = ModelFiles.fromClassPath(HostClassLoaderScope.hostLoader(), "all-minilm-l6-v2.onnx",
                "all-minilm-l6-v2-tokenizer.json", env.cacheDirectory().resolve("models"));
        MiniLmConfig fromDir = new MiniLmConfig(false, files.model().getParent().toString(), 32, 256, 0, 0);
        try (MiniLmEncoder other = new MiniLmEncoder(fromDir, RESOURCES, env)) {
            float[] a = vectors(encoder, "a red car")[0];
            float[] b = vectors(other, "a red car")[0];
            assertThat(cos(a, b)).isGreaterThan(0.99999);
        }
    }

    @Test
    void quantisedModelIsSelectableAndStillSeparatesMeanings() {
        try (MiniLmEncoder q = new MiniLmEncoder(new MiniLmConfig(true, "", 32, 256, 0, 0), RESOURCES, env)) {
            assertThat(q.fingerprint()).isNotEqualTo(encoder.fingerprint());
            float[][] v = vectors(q, "A cat sits on the mat.", "A kitten is sitting on a rug.",
                    "The stock market fell sharply on Tuesday.");
            assertThat(cos(v[0], v[1])).isGreaterThan(cos(v[0], v[2]) + 0.3);
            // The int8 model approximates the fp32 one (its output also shifts slightly with padding).
            assertThat(cos(v[0], vectors(encoder, "A cat sits on the mat.")[0])).isGreaterThan(0.9);
        }
    }

    @Test
    void aFolderWithoutTokenizerIsRejectedByName(@TempDir Path dir) {
        assertThatThrownBy(() -> new MiniLmEncoder(new MiniLmConfig(false, dir.toString(), 32, 256, 0, 0),
                RESOURCES, env)).hasMessageContaining("tokenizer.json").hasMessageContaining(dir.toString());
    }

    static float[][] vectors(MiniLmEncoder e, String... texts) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            items.add(Item.ofText("t" + i, texts[i]));
        }
        return e.encode(items).stream().map(r -> ((EncodingResult.Success) r).vector()).toArray(float[][]::new);
    }

    static double cos(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot / (norm(a) * norm(b));
    }

    static double norm(float[] a) {
        double s = 0;
        for (float x : a) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
