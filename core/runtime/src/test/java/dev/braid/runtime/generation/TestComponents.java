package dev.braid.runtime.generation;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.Environment;
import dev.braid.api.compute.ReferenceBackend;
import dev.braid.api.component.NoConfig;
import dev.braid.api.component.Param;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Item;
import dev.braid.api.data.Modality;
import dev.braid.api.describe.DescriptionResult;
import dev.braid.api.describe.ItemDescriber;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.ModalityEncoder;
import dev.braid.api.fusion.FusionInput;
import dev.braid.api.fusion.FusionStrategy;
import dev.braid.api.fusion.ModalityVectors;
import dev.braid.api.generator.Generator;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;
import dev.braid.runtime.cache.VectorCache;
import dev.braid.runtime.inject.ComponentFactory;
import dev.braid.runtime.inject.RefCountedResources;
import dev.braid.runtime.plugin.ComponentDescriptor;
import dev.braid.runtime.plugin.ComponentRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Small real components on the plain class path, for runtime tests (the same way Spark would run plugins). */
final class TestComponents {
    static final AtomicInteger ENCODERS_CREATED = new AtomicInteger();
    static final AtomicInteger ENCODERS_CLOSED = new AtomicInteger();
    static final AtomicInteger ITEMS_ENCODED = new AtomicInteger();
    /** While closed, {@link Hang#score} blocks, ignoring interrupts (the worst plugin). */
    static volatile CountDownLatch hangGate = new CountDownLatch(0);
    /** While closed, {@link Letters#close} blocks; the thread it closes on is recorded. */
    static volatile CountDownLatch closeGate = new CountDownLatch(0);
    static final List<String> CLOSING_THREADS = new java.util.concurrent.CopyOnWriteArrayList<>();

    private TestComponents() {
    }

    /** A registry holding these component classes, as the host class path provides them. */
    static ComponentRegistry registry(Class<?>... types) {
        ComponentRegistry registry = new ComponentRegistry();
        registry.setSource("test", java.util.Arrays.stream(types).map(t -> ComponentDescriptor.of(t,
                ComponentDescriptor.Origin.HOST)).toList(), List.of(), "test");
        return registry;
    }

    /** A builder on the reference backend with a fresh pool, its vector cache and environment under {@code dir}. */
    static GenerationBuilder builder(java.nio.file.Path dir) {
        ReferenceBackend backend = new ReferenceBackend();
        ComponentFactory factory = new ComponentFactory(backend, new RefCountedResources(),
                new Environment(dir, dir, 1));
        return new GenerationBuilder(factory, new ComponentPool(), new VectorCache(dir.resolve("vectors")),
                backend, 2);
    }

    /** Text to [length, count of the letter] — enough to rank by. */
    @BraidComponent(name = "letters", config = Letters.Config.class, modality = Modality.TEXT)
    public static final class Letters implements ModalityEncoder {
        public record Config(@Param(description = "letter", defaultValue = "a") String letter,
                             @Param(description = "declared dimension", defaultValue = "2") int dimension) {
        }

        private final Config config;

        public Letters(Config config) {
            this.config = config;
            ENCODERS_CREATED.incrementAndGet();
        }

        @Override
        public Modality modality() {
            return Modality.TEXT;
        }

        @Override
        public int dimension() {
            return config.dimension();
        }

        @Override
        public List<EncodingResult> encode(List<Item> items) {
            List<EncodingResult> out = new ArrayList<>();
            for (Item i : items) {
                ITEMS_ENCODED.incrementAndGet();
                String t = i.content().text();
                if (t == null || t.isEmpty()) {
                    out.add(EncodingResult.failure(i.id(), EncodingResult.FailureKind.INVALID, "empty text"));
                } else {
                    long n = t.chars().filter(c -> c == config.letter().charAt(0)).count();
                    out.add(EncodingResult.success(i.id(), new float[] {t.length(), n}));
                }
            }
            return out;
        }

        @Override
        public void close() {
            CLOSING_THREADS.add(Thread.currentThread().getName());
            awaitIgnoringInterrupts(closeGate);
            ENCODERS_CLOSED.incrementAndGet();
        }
    }

    /** Passes the single text vector through. */
    @BraidComponent(name = "identity")
    public static final class Identity implements FusionStrategy {
        private int dim;

        public Identity(NoConfig config) {
        }

        @Override
        public void fit(FusionInput input, ProgressListener progress) {
            dim = input.modalities().get(Modality.TEXT).dim();
        }

        @Override
        public int dimension() {
            return dim;
        }

        @Override
        public float[] fuse(ModalityVectors vectors) {
            return vectors.get(Modality.TEXT).orElse(null);
        }
    }

    /** Scores each item by its fused feature number {@code column}. */
    @BraidComponent(name = "by-feature", config = ByFeature.Config.class)
    public static final class ByFeature implements Generator {
        public record Config(@Param(description = "column", defaultValue = "1") int column) {
        }

        private final Config config;
        private float[][] rows;

        public ByFeature(Config config) {
            this.config = config;
        }

        @Override
        public void fit(TrainingData data, ProgressListener progress) {
            var f = data.features().requireFused("by-feature");
            rows = new float[f.rows()][];
            for (int i = 0; i < f.rows(); i++) {
                rows[i] = f.row(i);
            }
        }

        @Override
        public void score(Query query, float[] scores) {
            for (int i = 0; i < scores.length; i++) {
                scores[i] = rows[i] == null ? Float.NEGATIVE_INFINITY : rows[i][config.column()];
            }
        }
    }

    /** A list-level step: sees one candidate more than asked, reverses the list and marks every item. */
    @BraidComponent(name = "swap")
    public static final class Swap implements Generator, dev.braid.api.generator.Reranker,
            dev.braid.api.component.Measured {
        private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

        public Swap(NoConfig config) {
        }

        @Override
        public java.util.Map<String, Double> measurements() {
            return java.util.Map.of("swap_calls_total", (double) calls.get());
        }

        @Override
        public void fit(TrainingData data, ProgressListener progress) {
        }

        @Override
        public void score(Query query, float[] scores) {
        }

        @Override
        public int candidates(int k) {
            return k + 1;
        }

        @Override
        public java.util.List<dev.braid.api.generator.ScoredItem> rerank(Query query,
                java.util.List<dev.braid.api.generator.ScoredItem> candidates, float[] scores, int k) {
            calls.incrementAndGet();
            java.util.List<dev.braid.api.generator.ScoredItem> out = new java.util.ArrayList<>();
            for (int i = candidates.size() - 1; i >= 0; i--) {
                var s = candidates.get(i);
                var reasons = new java.util.ArrayList<>(s.reasons());
                reasons.add("swapped");
                out.add(new dev.braid.api.generator.ScoredItem(s.itemId(), s.score(), reasons));
            }
            return out;
        }
    }

    /** Throws in its constructor. */
    @BraidComponent(name = "broken")
    public static final class Broken implements Generator {
        public Broken(NoConfig config) {
            throw new IllegalStateException("cannot open broken.model");
        }

        @Override
        public void fit(TrainingData data, ProgressListener progress) {
        }

        @Override
        public void score(Query query, float[] scores) {
        }
    }

    /** Scores nothing and hangs until {@link #hangGate} opens, swallowing interrupts. */
    @BraidComponent(name = "hang")
    public static final class Hang implements Generator {
        public Hang(NoConfig config) {
        }

        @Override
        public void fit(TrainingData data, ProgressListener progress) {
        }

        @Override
        public void score(Query query, float[] scores) {
            awaitIgnoringInterrupts(hangGate);
        }
    }

    static final AtomicInteger ITEMS_DESCRIBED = new AtomicInteger();

    /** Describes an image by its bytes read as text ("boom" fails, as an unreachable model would). */
    @BraidComponent(name = "caption", config = Caption.Config.class, modality = Modality.IMAGE)
    public static final class Caption implements ItemDescriber {
        public record Config(@Param(description = "first word", defaultValue = "cap") String word) {
        }

        private final Config config;

        public Caption(Config config) {
            this.config = config;
        }

        @Override
        public java.util.Set<Modality> reads() {
            return java.util.Set.of(Modality.IMAGE);
        }

        @Override
        public List<DescriptionResult> describe(List<Item> items) {
            List<DescriptionResult> out = new ArrayList<>();
            for (Item i : items) {
                ITEMS_DESCRIBED.incrementAndGet();
                String bytes = new String(((dev.braid.api.data.Media.BytesMedia) i.content().image()).readAllBytes(),
                        StandardCharsets.UTF_8);
                out.add(bytes.equals("boom") ? DescriptionResult.failure(i.id(), EncodingResult.FailureKind.ERROR,
                        "the model is down") : DescriptionResult.success(i.id(), config.word() + " " + bytes, false));
            }
            return out;
        }
    }

    static void awaitIgnoringInterrupts(CountDownLatch gate) {
        boolean interrupted = false;
        while (true) {
            try {
                gate.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
