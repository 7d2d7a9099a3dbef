package dev.braid.runtime.generation;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.compute.ComputeBackend;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemFeatures;
import dev.braid.api.data.Modality;
import dev.braid.api.describe.ItemDescriber;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.ModalityEncoder;
import dev.braid.api.fusion.FusionInput;
import dev.braid.api.fusion.FusionStrategy;
import dev.braid.api.fusion.ModalityVectors;
import dev.braid.api.generator.Generator;
import dev.braid.api.generator.TrainingData;
import dev.braid.runtime.blend.BlendFit;
import dev.braid.runtime.blend.BlendStage;
import dev.braid.runtime.cache.ContentHasher;
import dev.braid.runtime.cache.VectorCache;
import dev.braid.runtime.describe.CatalogDescriber;
import dev.braid.runtime.util.BatchResults;
import dev.braid.runtime.util.Hashing;
import dev.braid.runtime.inject.ComponentBuildException;
import dev.braid.runtime.inject.ComponentFactory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link Generation} from a resolved pipeline and data: creates (or reuses from the pool) each encoder,
 * fits it, encodes the catalog in parallel batches through the vector cache, fuses, and fits the generators. A
 * node is reused when its component key and its inputs are unchanged. If any step fails, every node acquired so far
 * is released and a {@link ComponentBuildException} says which component failed and why. Timings count only the
 * work this build did: a reused node adds nothing.
 */
public final class GenerationBuilder {
    private static final Logger log = LoggerFactory.getLogger(GenerationBuilder.class);
    private static final int BATCH = 64;

    private final ComponentFactory factory;
    private final ComponentPool pool;
    private final VectorCache cache;
    private final ComputeBackend backend;
    private final int threads;
    private final CallGuard guard;

    public GenerationBuilder(ComponentFactory factory, ComponentPool pool, VectorCache cache, ComputeBackend backend,
                             int threads) {
        this(factory, pool, cache, backend, threads, Timeouts.fromSystemProperties());
    }

    /** With explicit time limits for building components and for serving calls. */
    public GenerationBuilder(ComponentFactory factory, ComponentPool pool, VectorCache cache, ComputeBackend backend,
                             int threads, Timeouts timeouts) {
        this(factory, pool, cache, backend, threads, new CallGuard(timeouts));
    }

    /** With the guard that runs (and limits) every call into the plugins this builder builds. */
    public GenerationBuilder(ComponentFactory factory, ComponentPool pool, VectorCache cache, ComputeBackend backend,
                             int threads, CallGuard guard) {
        this.guard = guard;
        this.factory = factory;
        this.pool = pool;
        this.cache = cache;
        this.backend = backend;
        this.threads = Math.max(1, threads);
    }

    public ComponentPool pool() {
        return pool;
    }

    /** The guard that limits how long plugin calls may take. */
    public CallGuard guard() {
        return guard;
    }

    /** Builds generation {@code number}. */
    public Generation build(int number, ResolvedPipeline pipeline, PipelineData data, ProgressListener progress) {
        List<NodeKey> acquired = new ArrayList<>();
        Map<String, Boolean> reuse = new java.util.LinkedHashMap<>();
        String dataKey = "data:" + data.fingerprint();
        try {
            Map<Modality, FeatureMatrix> modalities = new EnumMap<>(Modality.class);
            Map<String, Double> timings = new java.util.LinkedHashMap<>();
            List<BuiltNode.ItemFailure> failures = new ArrayList<>();
            List<NodeKey> featureKeys = new ArrayList<>();
            Map<Modality, ModalityEncoder> encoders = new EnumMap<>(Modality.class);
            int cacheHits = 0; // vectors read from the on-disk cache by the encoders this generation uses
            // The describe step, when declared, gives the text encoder the items' text joined with descriptions.
            NodeKey describeKey = null;
            CatalogDescriber.Outcome describedOutcome = null;
            PipelineData textData = data;
            DescribeStep step = pipeline.encoders().containsKey(Modality.TEXT) ? pipeline.describe() : null;
            if (step != null) {
                ResolvedComponent rc = step.component();
                describeKey = NodeKey.of(rc, List.of(), dataKey + "|mode:" + step.mode().key() + "|minTextChars:"
                        + step.minTextChars());
                BuiltNode node = acquire(describeKey, () -> guarded(rc, () -> buildDescriptions(step, data, progress)),
                        acquired, reuse, rc);
                DescribedCatalog described = (DescribedCatalog) node.instance();
                describedOutcome = described.outcome();
                failures.addAll(node.failures());
                timings.put("describe", reuse.get(rc.spec().path()) ? 0.0 : node.seconds());
                textData = new PipelineData(data.name(), described.catalog(), data.train(),
                        Hashing.sha256Hex(data.fingerprint() + "|" + step.canonical()), data.seed());
            }
            for (Map.Entry<Modality, ResolvedComponent> e : pipeline.encoders().entrySet()) {
                ResolvedComponent rc = e.getValue();
                boolean described = describeKey != null && e.getKey() == Modality.TEXT;
                PipelineData encoded = described ? textData : data;
                NodeKey key = NodeKey.of(rc, described ? List.of(describeKey) : List.of(), dataKey);
                BuiltNode node = acquire(key, () -> guarded(rc, () -> buildEncoder(e.getKey(), rc, encoded,
                        progress)), acquired, reuse, rc);
                modalities.put(e.getKey(), node.output());
                encoders.put(e.getKey(), (ModalityEncoder) node.instance());
                failures.addAll(node.failures());
                timings.merge("encode", reuse.get(rc.spec().path()) ? 0.0 : node.seconds(), Double::sum);
                cacheHits += node.cacheHits();
                featureKeys.add(key);
            }
            FeatureMatrix fused = null;
            FusionStrategy fusion = null;
            if (pipeline.fusion() != null && !modalities.isEmpty()) {
                ResolvedComponent rc = pipeline.fusion();
                NodeKey key = NodeKey.of(rc, featureKeys, "");
                BuiltNode node = acquire(key, () -> guarded(rc, () -> buildFusion(rc, data, modalities, progress)), acquired,
                        reuse, rc);
                fused = node.output();
                fusion = (FusionStrategy) node.instance();
                timings.put("fuse", reuse.get(rc.spec().path()) ? 0.0 : node.seconds());
                featureKeys.add(key);
            } else if (modalities.size() == 1) {
                fused = modalities.values().iterator().next();
            }
            ItemFeatures features = new ItemFeatures(modalities, fused);
            List<Generator> generators = new ArrayList<>();
            List<String> generatorNames = new ArrayList<>();
            double fitSeconds = 0;
            for (ResolvedComponent rc : pipeline.generators()) {
                NodeKey key = NodeKey.of(rc, featureKeys, dataKey);
                BuiltNode node = acquire(key, () -> guarded(rc, () -> buildGenerator(rc, data, features, progress)),
                        acquired, reuse, rc);
                generators.add((Generator) node.instance());
                generatorNames.add(rc.spec().name());
                fitSeconds += reuse.get(rc.spec().path()) ? 0.0 : node.seconds();
            }
            timings.put("fit", fitSeconds);
            return new Generation(number, pipeline, data, features, fusion, generators, generatorNames, backend,
                    acquired, pool, timings, failures, reuse, cacheHits, encoders, guard, describedOutcome);
        } catch (RuntimeException e) {
            acquired.forEach(pool::release);
            throw e;
        }
    }

    /**
     * Builds generation {@code number}: {@code full} as it would serve items that lost the {@code drop} modalities
     * at test time. Encoders and the fusion strategy are {@code full}'s, fitted with every modality; a dropped
     * modality's matrix is kept with every row absent; each item is fused again from the modalities it keeps (an
     * item left with none has no vector), and the generators are
     * fitted afresh on those features (for content generators that only indexes the item vectors; a generator that
     * learns from per-modality features, such as late fusion, re-learns without the dropped ones).
     */
    public Generation buildDegraded(int number, Generation full, java.util.Set<Modality> drop, PipelineData data,
                                    ProgressListener progress) {
        List<NodeKey> acquired = new ArrayList<>();
        Map<String, Boolean> reuse = new java.util.LinkedHashMap<>();
        try {
            long t0 = System.nanoTime();
            Map<Modality, FeatureMatrix> kept = new EnumMap<>(Modality.class);
            // a dropped modality stays in the features as a matrix whose every row is absent (a mask, not zeros)
            full.features().modalities().forEach((m, matrix) -> kept.put(m, drop.contains(m)
                    ? new FeatureMatrix(matrix.rows(), matrix.dim(), new float[matrix.rows() * matrix.dim()],
                            new java.util.BitSet()) : matrix));
            FusionStrategy fusion = full.fusion();
            FeatureMatrix fused = null;
            if (fusion != null) {
                // One guarded call for the whole catalog (the fusion's own calls then run inline).
                fused = guard.build(fusion + " (degraded fuse)", CallGuard.unwrap(fusion).getClass()
                        .getClassLoader(), () -> {
                    int n = data.catalog().size();
                    float[][] rows = new float[n][];
                    for (int i = 0; i < n; i++) {
                        Map<Modality, float[]> v = itemVectors(kept, i);
                        rows[i] = v.isEmpty() ? null : fusion.fuse(ModalityVectors.of(v));
                    }
                    return FeatureMatrix.ofRows(fusion.dimension(), rows);
                });
            } else if (kept.size() == 1) {
                fused = kept.values().iterator().next();
            }
            Map<String, Double> timings = new java.util.LinkedHashMap<>();
            timings.put("fuse", seconds(t0));
            ItemFeatures features = new ItemFeatures(kept, fused);
            String tag = "degraded:" + number + "|drop:" + drop.stream().map(Modality::key).sorted().toList()
                    + "|data:" + data.fingerprint();
            List<Generator> generators = new ArrayList<>();
            List<String> generatorNames = new ArrayList<>();
            double fitSeconds = 0;
            for (ResolvedComponent rc : full.pipeline().generators()) {
                NodeKey key = NodeKey.of(rc, List.of(), tag);
                BuiltNode node = acquire(key, () -> buildGenerator(rc, data, features, progress), acquired, reuse,
                        rc);
                generators.add((Generator) node.instance());
                generatorNames.add(rc.spec().name());
                fitSeconds += node.seconds();
            }
            timings.put("fit", fitSeconds);
            // Ad-hoc content is encoded only with the modalities this degraded copy keeps.
            Map<Modality, ModalityEncoder> keptEncoders = new EnumMap<>(Modality.class);
            full.encoders().forEach((m, e) -> {
                if (!drop.contains(m)) {
                    keptEncoders.put(m, e);
                }
            });
            return new Generation(number, full.pipeline(), data, features, fusion, generators, generatorNames,
                    backend, acquired, pool, timings, List.of(), reuse, 0, keptEncoders, guard,
                    full.described().orElse(null));
        } catch (RuntimeException e) {
            acquired.forEach(pool::release);
            throw e;
        }
    }

    private BuiltNode acquire(NodeKey key, Supplier<BuiltNode> build, List<NodeKey> acquired,
                              Map<String, Boolean> reuse, ResolvedComponent rc) {
        ComponentPool.Acquired a = pool.acquire(key, build);
        acquired.add(key);
        reuse.put(rc.spec().path(), a.reused());
        return a.node();
    }

    /** Builds a node on a guarded thread: a plugin that hangs fails this build, naming it, after the limit. */
    private BuiltNode guarded(ResolvedComponent rc, Supplier<BuiltNode> build) {
        return guard.build(rc.descriptor().label() + " at " + rc.spec().path(), rc.descriptor().type()
                .getClassLoader(), build);
    }

    private Object create(ResolvedComponent rc) {
        return factory.create(rc.descriptor(), rc.config(), rc.spec().path());
    }

    /**
     * Describes the catalog's items with the step's describer. A failed item keeps its text and is listed among the
     * node's failures (modality {@code describe}); only a describer that breaks its contract fails the build.
     */
    private BuiltNode buildDescriptions(DescribeStep step, PipelineData data, ProgressListener progress) {
        long t0 = System.nanoTime();
        ResolvedComponent rc = step.component();
        ItemDescriber describer = (ItemDescriber) create(rc);
        String label = "describer '" + rc.spec().name() + "'";
        try {
            CatalogDescriber.Outcome outcome = CatalogDescriber.apply(describer, step.mode(), step.minTextChars(),
                    data.catalog(), label, progress);
            List<BuiltNode.ItemFailure> failures = outcome.failures().stream().map(f -> new BuiltNode.ItemFailure(
                    f.itemId(), "describe", f.kind(), f.message())).toList();
            return new BuiltNode(label, rc.descriptor(), new DescribedCatalog(guard.guarded(describer,
                    callLabel(rc)), outcome), null, failures, seconds(t0), outcome.fromCache());
        } catch (RuntimeException | LinkageError e) {
            throw buildFailed(rc, describer::close, "failed", e);
        }
    }

    private BuiltNode buildEncoder(Modality modality, ResolvedComponent rc, PipelineData data,
                                   ProgressListener progress) {
        long t0 = System.nanoTime();
        ModalityEncoder encoder = (ModalityEncoder) create(rc);
        String label = modality.key() + " encoder '" + rc.spec().name() + "'";
        try {
            if (encoder.modality() != modality) {
                throw new IllegalStateException("it encodes " + encoder.modality().key() + ", not " + modality.key());
            }
            List<Item> items = data.catalog().items();
            if (encoder.fitsOnCatalog()) {
                encoder.fit(items, progress);
            }
            int dim = encoder.dimension();
            // The on-disk identity carries no bundle id: the cache survives restarts and reinstalls.
            String identity = rc.identity().canonical() + "|" + encoder.fingerprint()
                    + (encoder.fitsOnCatalog() ? "|catalog:" + data.fingerprint() : "");
            VectorCache.Segment segment = cache.open(identity, dim);
            float[][] rows = new float[items.size()][];
            byte[][] hashes = new byte[items.size()][];
            List<Integer> todo = new ArrayList<>();
            List<BuiltNode.ItemFailure> failures = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                if (!item.has(modality)) {
                    failures.add(new BuiltNode.ItemFailure(item.id(), modality.key(), "MISSING",
                            "no " + modality.key()));
                    continue;
                }
                hashes[i] = ContentHasher.hash(item, modality);
                float[] cached = hashes[i] == null ? null : segment.get(hashes[i]);
                if (cached != null) {
                    rows[i] = cached;
                } else {
                    todo.add(i);
                }
            }
            int hits = items.size() - todo.size() - failures.size();
            encodeAll(encoder, label, items, todo, rows, failures, dim, progress);
            for (int i : todo) {
                if (rows[i] != null && hashes[i] != null) {
                    segment.put(hashes[i], rows[i]);
                }
            }
            segment.save();
            FeatureMatrix matrix = FeatureMatrix.ofRows(dim, rows);
            log.info("{}: {} vectors ({} from cache), {} items without", label, matrix.presentCount(), hits,
                    failures.size());
            return new BuiltNode(label, rc.descriptor(), guard.guarded(encoder, callLabel(rc)), matrix, failures,
                    seconds(t0), hits);
        } catch (ComponentBuildException e) {
            encoder.close();
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw buildFailed(rc, encoder::close, "failed", e);
        }
    }

    private void encodeAll(ModalityEncoder encoder, String label, List<Item> items, List<Integer> todo,
                           float[][] rows, List<BuiltNode.ItemFailure> failures, int dim, ProgressListener progress) {
        if (todo.isEmpty()) {
            return;
        }
        progress.start("encode " + label, todo.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "braid-encode");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<EncodingResult>>> futures = new ArrayList<>();
            List<List<Integer>> batches = new ArrayList<>();
            for (int s = 0; s < todo.size(); s += BATCH) {
                List<Integer> batch = todo.subList(s, Math.min(todo.size(), s + BATCH));
                batches.add(batch);
                List<Item> batchItems = batch.stream().map(items::get).toList();
                ClassLoader cl = encoder.getClass().getClassLoader();
                futures.add(pool.submit(() -> {
                    Thread.currentThread().setContextClassLoader(cl);
                    List<EncodingResult> out = encoder.encode(batchItems);
                    progress.advance(batchItems.size());
                    return out;
                }));
            }
            for (int b = 0; b < batches.size(); b++) {
                List<Integer> batch = batches.get(b);
                List<EncodingResult> results = futures.get(b).get();
                BatchResults.requireOnePerItem(results, batch.size());
                for (int j = 0; j < batch.size(); j++) {
                    int i = batch.get(j);
                    EncodingResult r = results.get(j);
                    String id = items.get(i).id();
                    BatchResults.requireItem(id, r.itemId());
                    if (r instanceof EncodingResult.Success s) {
                        if (s.vector().length != dim) {
                            throw new IllegalStateException("returned a vector of dimension " + s.vector().length
                                    + " for item '" + id + "', but declares dimension " + dim);
                        }
                        if (!finite(s.vector())) {
                            failures.add(new BuiltNode.ItemFailure(id, encoder.modality().key(), "INVALID",
                                    "the encoder produced NaN or infinite values"));
                            continue;
                        }
                        rows[i] = s.vector();
                    } else if (r instanceof EncodingResult.Failure f) {
                        failures.add(new BuiltNode.ItemFailure(id, encoder.modality().key(), f.kind().name(),
                                f.message()));
                    }
                }
            }
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof RuntimeException re ? re : new IllegalStateException(message(c), c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encoding", e);
        } finally {
            pool.shutdownNow();
            progress.finish();
        }
    }

    private BuiltNode buildFusion(ResolvedComponent rc, PipelineData data, Map<Modality, FeatureMatrix> modalities,
                                  ProgressListener progress) {
        long t0 = System.nanoTime();
        FusionStrategy fusion = (FusionStrategy) create(rc);
        try {
            fusion.fit(new FusionInput(data.catalog(), modalities, data.train(), data.seed()), progress);
            int n = data.catalog().size();
            int dim = fusion.dimension();
            float[][] rows = new float[n][];
            for (int i = 0; i < n; i++) {
                Map<Modality, float[]> v = itemVectors(modalities, i);
                if (v.isEmpty()) {
                    continue;
                }
                float[] f = fusion.fuse(ModalityVectors.of(v));
                if (f != null && f.length != dim) {
                    throw new IllegalStateException("returned a vector of dimension " + f.length
                            + ", but declares dimension " + dim);
                }
                rows[i] = f;
            }
            return new BuiltNode("fusion '" + rc.spec().name() + "'", rc.descriptor(), guard.guarded(fusion,
                    callLabel(rc)),
                    FeatureMatrix.ofRows(dim, rows), List.of(), seconds(t0), 0);
        } catch (RuntimeException | LinkageError e) {
            throw buildFailed(rc, fusion::close, "failed", e);
        }
    }

    private BuiltNode buildGenerator(ResolvedComponent rc, PipelineData data, ItemFeatures features,
                                     ProgressListener progress) {
        long t0 = System.nanoTime();
        Generator generator = rc.spec().composite() ? composite(rc) : (Generator) create(rc);
        try {
            generator.fit(new TrainingData(data.catalog(), features, data.train(), data.seed()), progress);
            return new BuiltNode("generator '" + rc.spec().name() + "'", rc.descriptor(), guard.guarded(generator,
                    callLabel(rc)), null, List.of(), seconds(t0), 0);
        } catch (RuntimeException | LinkageError e) {
            throw buildFailed(rc, generator::close, "failed to fit", e);
        }
    }

    /** A composite stage: its inputs are created like any configured generator, afresh for each of its fits. */
    private Generator composite(ResolvedComponent rc) {
        List<Supplier<Generator>> inputs = new ArrayList<>();
        for (ResolvedComponent m : rc.inputs()) {
            inputs.add(() -> (Generator) create(m));
        }
        return BlendStage.create((BlendFit) rc.config(), rc.inputs().stream().map(m -> m.spec().name()).toList(),
                inputs);
    }

    /** How a guarded call names the component: "'x' (generator) from bundle 1.0 at generators[0]". */
    static String callLabel(ResolvedComponent rc) {
        return rc.descriptor().label() + " at " + rc.spec().path();
    }

    /** Item {@code i}'s vectors in the modalities that have one for it (absent rows left out). */
    private static Map<Modality, float[]> itemVectors(Map<Modality, FeatureMatrix> modalities, int i) {
        Map<Modality, float[]> v = new EnumMap<>(Modality.class);
        for (Map.Entry<Modality, FeatureMatrix> e : modalities.entrySet()) {
            float[] row = e.getValue().row(i);
            if (row != null) {
                v.put(e.getKey(), row);
            }
        }
        return v;
    }

    private static boolean finite(float[] v) {
        for (float f : v) {
            if (!Float.isFinite(f)) {
                return false;
            }
        }
        return true;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Closes a component whose build failed; the exception names it, where it is configured, and why. */
    private static ComponentBuildException buildFailed(ResolvedComponent rc, Runnable close, String what,
                                                       Throwable e) {
        close.run();
        return new ComponentBuildException(rc.descriptor().label() + " at " + rc.spec().path() + " " + what + ": "
                + message(e), e);
    }

    static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
