package dev.braid.runtime.generation;

import dev.braid.api.compute.ComputeBackend;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemContent;
import dev.braid.api.data.ItemFeatures;
import dev.braid.api.data.Modality;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.ModalityEncoder;
import dev.braid.api.fusion.FusionStrategy;
import dev.braid.api.fusion.ModalityVectors;
import dev.braid.api.generator.Generator;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.Reranker;
import dev.braid.api.generator.ScoredItem;
import dev.braid.runtime.describe.CatalogDescriber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One immutable, numbered pipeline: its components (fitted), the data they were fitted on, and the features they
 * produced. Serves queries from many threads. When a newer generation goes live this one is retired: it stops
 * taking new calls, lets the ones in flight finish, then releases its components (those the next generation
 * reuses stay open).
 */
public final class Generation {
    private static final Logger log = LoggerFactory.getLogger(Generation.class);

    private final int number;
    private final ResolvedPipeline pipeline;
    private final PipelineData data;
    private final ItemFeatures features;
    private final FusionStrategy fusion;
    private final List<Generator> generators;
    private final List<String> generatorNames;
    private final ComputeBackend backend;
    private final List<NodeKey> nodeKeys;
    private final ComponentPool pool;
    private final Map<String, Double> timings;
    private final List<BuiltNode.ItemFailure> failures;
    private final Map<String, Boolean> reused;
    private final int cacheHits;
    private final Map<Modality, ModalityEncoder> encoders;
    private final CallGuard guard;
    /** What the describe step did, or {@code null} when the pipeline has none. */
    private final CatalogDescriber.Outcome described;
    /** "'x' (generator) from bundle 1.0 at generators[0]", parallel to {@link #generators}. */
    private final List<String> generatorLabels;
    private final Instant createdAt = Instant.now();
    /** Score buffers of catalog size, reused by {@link #recommend} (a few: one per concurrent request at most). */
    private final java.util.concurrent.ArrayBlockingQueue<float[]> buffers =
            new java.util.concurrent.ArrayBlockingQueue<>(16);

    /** In-flight calls plus one for "not retired". */
    private final AtomicInteger holders = new AtomicInteger(1);
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final java.util.concurrent.atomic.AtomicBoolean retired = new java.util.concurrent.atomic.AtomicBoolean();

    Generation(int number, ResolvedPipeline pipeline, PipelineData data, ItemFeatures features, FusionStrategy fusion,
               List<Generator> generators, List<String> generatorNames, ComputeBackend backend,
               List<NodeKey> nodeKeys,
               ComponentPool pool, Map<String, Double> timings, List<BuiltNode.ItemFailure> failures,
               Map<String, Boolean> reused, int cacheHits, Map<Modality, ModalityEncoder> encoders,
               CallGuard guard, CatalogDescriber.Outcome described) {
        this.number = number;
        this.described = described;
        this.pipeline = pipeline;
        this.data = data;
        this.features = features;
        this.fusion = fusion;
        this.generators = List.copyOf(generators);
        this.generatorNames = List.copyOf(generatorNames);
        this.backend = backend;
        this.nodeKeys = List.copyOf(nodeKeys);
        this.pool = pool;
        this.timings = Map.copyOf(timings);
        this.failures = List.copyOf(failures);
        this.reused = Map.copyOf(reused);
        this.cacheHits = cacheHits;
        java.util.EnumMap<Modality, ModalityEncoder> ordered = new java.util.EnumMap<>(Modality.class);
        ordered.putAll(encoders);
        this.encoders = java.util.Collections.unmodifiableMap(ordered); // modality order, for stable messages
        this.guard = guard;
        this.generatorLabels = pipeline.generators().stream().map(c -> c.descriptor().label() + " at "
                + c.spec().path()).toList();
    }

    /** The encoder instances of this generation, per modality (for ad-hoc content). */
    Map<Modality, ModalityEncoder> encoders() {
        return encoders;
    }

    public int number() {
        return number;
    }

    public ResolvedPipeline pipeline() {
        return pipeline;
    }

    public PipelineData data() {
        return data;
    }

    /**
     * What the describe step did: the catalog whose text the text encoder read, and the counts. Empty when the
     * pipeline has no describe step.
     */
    public java.util.Optional<CatalogDescriber.Outcome> described() {
        return java.util.Optional.ofNullable(described);
    }

    public Catalog catalog() {
        return data.catalog();
    }

    public ItemFeatures features() {
        return features;
    }

    /** The fitted fusion strategy, or {@code null} when the pipeline fuses nothing. */
    /** Each generator's {@link Generator#fitSummary()} by its name in the chain, the empty ones left out. */
    public java.util.Map<String, String> generatorSummaries() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int g = 0; g < generators.size(); g++) {
            String summary = generators.get(g).fitSummary();
            if (summary != null && !summary.isBlank()) {
                out.put(generatorNames.get(g), summary);
            }
        }
        return out;
    }

    public FusionStrategy fusion() {
        return fusion;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** Seconds spent per step ("encode", "fuse", "fit") when this generation was built (0 for reused nodes' work). */
    public Map<String, Double> timings() {
        return timings;
    }

    /** Per-item encoding failures. */
    public List<BuiltNode.ItemFailure> failures() {
        return failures;
    }

    /** For each configured component path, whether it was reused from an earlier build. */
    public Map<String, Boolean> reused() {
        return reused;
    }

    /** Items whose vectors came from the on-disk cache. */
    public int cacheHits() {
        return cacheHits;
    }

    /**
     * Takes a hold for one call; {@code false} when the generation is retired (the caller then asks the manager for
     * the live one again).
     */
    public boolean tryAcquire() {
        while (true) {
            if (retired.get()) {
                return false;
            }
            int h = holders.get();
            if (h == 0) {
                return false;
            }
            if (holders.compareAndSet(h, h + 1)) {
                return true;
            }
        }
    }

    public void release() {
        if (holders.decrementAndGet() == 0) {
            closeNow();
        }
    }

    /** Stops taking calls; closes when the calls in flight are done. Idempotent. */
    public void retire() {
        if (retired.compareAndSet(false, true)) {
            release();
        }
    }

    /** Completes when the generation has closed. */
    public CompletableFuture<Void> closedFuture() {
        return closed;
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Hands the nodes to the pool's deconstructor thread: the caller (a request thread) never closes plugins. */
    private void closeNow() {
        pool.releaseLater(nodeKeys).whenComplete((ok, e) -> {
            log.info("Generation {} closed", number);
            closed.complete(null);
        });
    }

    /**
     * Runs the generator chain for a query: scores for every catalog item.
     *
     * @throws ComponentCallException naming the generator when one throws or does not return within the call
     *                                timeout ({@link Timeouts#call()})
     */
    public void score(Query query, float[] scores) {
        int[] current = {-1};
        guard.call(() -> chainLabel(current[0], "score"), () -> {
            chain(query, scores, current);
            return null;
        });
    }

    /**
     * Who a failed chain call is named after: the generator that was running, or the whole chain when the call
     * never started (it waited in the guard's queue, or the guard refused it).
     */
    private String chainLabel(int current, String phase) {
        return current < 0 ? "the generator chain " + generatorNames + " (" + phase + ", not started)"
                : "generator " + generatorLabels.get(current) + " (" + phase + ")";
    }

    /** The chain itself, on the calling thread: zeros, each generator in turn, then the query's excluded items. */
    private void chain(Query query, float[] scores, int[] current) {
        Arrays.fill(scores, 0f);
        for (int g = 0; g < generators.size(); g++) {
            current[0] = g;
            // Threads the plugin starts (and this one, if it hangs) are then recognisably the plugin's.
            Thread.currentThread().setContextClassLoader(generators.get(g).getClass().getClassLoader());
            generators.get(g).score(query, scores);
        }
        for (String id : query.exclude()) {
            int i = data.catalog().indexOf(id);
            if (i >= 0) {
                scores[i] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    /**
     * The top {@code k} items for a query, best first, with the names of the generators (and rules) that explain
     * them. When generators of the chain are also {@link Reranker}s (pins, diversity), the best
     * {@code max(candidates(k))} items are fetched and passed through them in chain order; the reasons a reranker
     * adds are prefixed with its generator's name like the others.
     *
     * <p>Scoring, explaining and reranking run as one guarded call (one hand-off to a guard thread per request,
     * not one per phase), on a score buffer reused across requests: with 100,000 items, a fresh array per request
     * would allocate (and zero) 400 KB each time.
     */
    public List<ScoredItem> recommend(Query query, int k) {
        return recommend(query, k, null);
    }

    /**
     * The top {@code k} of the given catalog items only (an evaluation protocol that ranks a fixed candidate set,
     * e.g. the held-out item among sampled negatives), through the whole chain including its rerankers: every other
     * item is filtered after scoring, and the rerankers see all the allowed items that survived the chain.
     *
     * @param allowed catalog indices of the candidates
     */
    public List<ScoredItem> recommendAmong(Query query, int[] allowed, int k) {
        return recommend(query, k, allowed.clone());
    }

    private List<ScoredItem> recommend(Query query, int k, int[] allowed) {
        float[] scores = buffers.poll();
        if (scores == null) {
            scores = new float[data.catalog().size()];
        }
        int fetch = k;
        for (Generator g : generators) {
            if (g instanceof Reranker r) {
                fetch = Math.max(fetch, r.candidates(k));
            }
        }
        int candidates = allowed == null ? fetch : Math.max(fetch, allowed.length);
        float[] buffer = scores;
        int[] current = {-1};
        String[] phase = {"score"};
        // explain() and rerank() are plugin code too: they run under the call timeout, named when they fail.
        List<ScoredItem> ranked = guard.call(() -> chainLabel(current[0], phase[0]), () -> {
            chain(query, buffer, current);
            if (allowed != null) {
                float[] kept = new float[allowed.length];
                for (int j = 0; j < allowed.length; j++) {
                    kept[j] = buffer[allowed[j]];
                }
                Arrays.fill(buffer, Float.NEGATIVE_INFINITY);
                for (int j = 0; j < allowed.length; j++) {
                    buffer[allowed[j]] = kept[j];
                }
            }
            phase[0] = "explain/rerank";
            current[0] = 0;
            int[] top = backend.topK(buffer, candidates);
            List<List<String>> reasons = new ArrayList<>(top.length);
            for (int t = 0; t < top.length; t++) {
                reasons.add(new ArrayList<>());
            }
            // One batch call per generator: a model that explains by its scores computes them once per request.
            for (int g = 0; g < generators.size(); g++) {
                current[0] = g;
                List<List<String>> byItem = generators.get(g).explain(query, top);
                if (byItem.size() != top.length) {
                    throw new IllegalStateException("explain returned " + byItem.size() + " explanations for "
                            + top.length + " items");
                }
                for (int t = 0; t < top.length; t++) {
                    for (String r : byItem.get(t)) {
                        reasons.get(t).add(generatorNames.get(g) + ":" + r);
                    }
                }
            }
            List<ScoredItem> list = new ArrayList<>(top.length);
            for (int t = 0; t < top.length; t++) {
                list.add(new ScoredItem(data.catalog().item(top[t]).id(), buffer[top[t]], reasons.get(t)));
            }
            for (int g = 0; g < generators.size(); g++) {
                if (generators.get(g) instanceof Reranker r) {
                    current[0] = g;
                    list = prefixNewReasons(list, r.rerank(query, List.copyOf(list), buffer, k),
                            generatorNames.get(g));
                }
            }
            return list;
        });
        // Only after a call that returned: a call that timed out may still be writing into its buffer.
        buffers.offer(scores);
        return ranked.size() > k ? List.copyOf(ranked.subList(0, k)) : ranked;
    }

    /** Prefixes the reasons a reranker appended (beyond the item's earlier reasons) with its generator's name. */
    private static List<ScoredItem> prefixNewReasons(List<ScoredItem> before, List<ScoredItem> after, String name) {
        java.util.Map<String, Integer> known = new java.util.HashMap<>();
        for (ScoredItem s : before) {
            known.put(s.itemId(), s.reasons().size());
        }
        List<ScoredItem> out = new ArrayList<>(after.size());
        for (ScoredItem s : after) {
            int keep = Math.min(known.getOrDefault(s.itemId(), 0), s.reasons().size());
            List<String> reasons = new ArrayList<>(s.reasons().subList(0, keep));
            for (String r : s.reasons().subList(keep, s.reasons().size())) {
                reasons.add(name + ":" + r);
            }
            out.add(new ScoredItem(s.itemId(), s.score(), reasons));
        }
        return out;
    }

    /**
     * The counters of the generators that report some ({@link dev.braid.api.component.Measured}), by generator
     * name (as configured) and sample name. A generator whose report throws is left out (and logged).
     */
    public Map<String, Map<String, Double>> measurements() {
        Map<String, Map<String, Double>> out = new java.util.LinkedHashMap<>();
        for (int g = 0; g < generators.size(); g++) {
            if (generators.get(g) instanceof dev.braid.api.component.Measured m) {
                try {
                    String name = generatorNames.get(g);
                    out.put(out.containsKey(name) ? name + "#" + g : name, Map.copyOf(m.measurements()));
                } catch (RuntimeException e) {
                    log.warn("{} failed to report its counters: {}", generatorLabels.get(g), e.toString());
                }
            }
        }
        return out;
    }

    /** The modalities this generation has an encoder for (what ad-hoc content it can read). */
    public java.util.Set<Modality> encodedModalities() {
        return encoders.keySet();
    }

    /**
     * Encodes ad-hoc content (an upload, a query by example) with this generation's own encoder instances, one
     * result per modality present in the content that this generation encodes. Other modalities are ignored.
     * Call it inside {@link GenerationManager#call} so that the encoders stay open.
     *
     * @param label names the content in failure messages
     */
    public Map<Modality, EncodingResult> encode(String label, ItemContent content) {
        Map<Modality, EncodingResult> out = new java.util.EnumMap<>(Modality.class);
        Item item = new Item(label, "", Map.of(), content);
        for (Map.Entry<Modality, ModalityEncoder> e : encoders.entrySet()) {
            if (!content.has(e.getKey())) {
                continue;
            }
            List<EncodingResult> r = e.getValue().encode(List.of(item));
            if (r == null || r.size() != 1) {
                throw new IllegalStateException(e.getKey().key() + " encoder returned " + (r == null ? "null"
                        : r.size() + " results") + " for one item");
            }
            out.put(e.getKey(), r.get(0));
        }
        return out;
    }

    /** Fuses ad-hoc per-modality vectors into the pipeline's feature space (query by example). */
    public float[] fuse(Map<Modality, float[]> vectors) {
        if (fusion == null) {
            return vectors.size() == 1 ? vectors.values().iterator().next().clone() : null;
        }
        return fusion.fuse(ModalityVectors.of(vectors));
    }

    /** Where each component of this generation comes from: "path -> name (bundle version)". */
    public List<String> describeComponents() {
        List<String> out = new ArrayList<>();
        pipeline.encoders().forEach((m, c) -> out.add(describe(c)));
        if (pipeline.fusion() != null) {
            out.add(describe(pipeline.fusion()));
        }
        pipeline.generators().forEach(c -> out.add(describe(c)));
        return out;
    }

    private static String describe(ResolvedComponent c) {
        return c.spec().path() + " -> " + c.descriptor().label();
    }

    @Override
    public String toString() {
        return "generation " + number + " (" + pipeline.name() + ")";
    }
}
