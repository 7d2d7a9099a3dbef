package dev.braid.spark;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.data.Modality;
import dev.braid.api.encoder.ModalityEncoder;
import dev.braid.api.fusion.FusionInput;
import dev.braid.api.fusion.FusionStrategy;
import dev.braid.runtime.BraidHome;
import dev.braid.runtime.BraidRuntime;
import dev.braid.runtime.config.BraidConfig;
import dev.braid.runtime.config.ConfigException;
import dev.braid.runtime.config.PipelineSpec;
import dev.braid.runtime.generation.PipelineResolver;
import dev.braid.runtime.generation.ResolvedComponent;
import dev.braid.runtime.generation.ResolvedPipeline;
import dev.braid.runtime.pipeline.PipelineServices;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Braid engine inside one executor JVM: the class-path runtime, the resolved pipeline and one instance of each
 * encoder, created lazily on the first task that needs them, reused by every later task of the job in this JVM, and
 * closed when the JVM shuts down. Encoders are thread-safe ({@code braid run} calls them from several threads too),
 * so concurrent tasks share them. Natives and models are extracted to the executor-local cache folder.
 */
final class ExecutorEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ExecutorEngine.class);
    private static final Map<String, ExecutorEngine> ENGINES = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorEngine::closeAll, "braid-engine-shutdown"));
    }

    private final BraidRuntime runtime;
    private final PipelineServices services;
    private final BraidConfig config;
    private final ResolvedPipeline pipeline;
    private final Map<Modality, ModalityEncoder> encoders = new EnumMap<>(Modality.class);
    private final Map<String, FusionStrategy> fitted = new ConcurrentHashMap<>();

    private ExecutorEngine(JobSpec spec) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : ExecutorEngine.class.getClassLoader();
        Path cache = Path.of(spec.settings().cacheOrDefault()).toAbsolutePath();
        this.runtime = BraidRuntime.onClassPath(new BraidHome(cache, cache), loader);
        this.config = spec.config();
        this.pipeline = resolve(spec, config, runtime);
        this.services = new PipelineServices(runtime, config.backend(), config.baseDir(), 0L);
        try {
            for (Map.Entry<Modality, ResolvedComponent> e : pipeline.encoders().entrySet()) {
                ResolvedComponent rc = e.getValue();
                ModalityEncoder encoder = (ModalityEncoder) services.factory().create(rc.descriptor(), rc.config(),
                        rc.spec().path());
                encoders.put(e.getKey(), encoder);
                if (encoder.fitsOnCatalog()) {
                    throw new ConfigException(spec.configFile(), rc.spec().path(), "encoder '" + rc.spec().name()
                            + "' fits on the whole catalog (e.g. an IDF) and cannot encode distributed yet; use an "
                            + "encoder that needs no catalog fit (minilm, onnx-*, color-histogram, audio-stats)");
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        log.info("Braid engine ready in this JVM: variant '{}', encoders {}", pipeline.name(), encoders.keySet());
    }

    /** The engine of this JVM for a job, created on first use. */
    static ExecutorEngine get(JobSpec spec) {
        return ENGINES.computeIfAbsent(spec.key(), k -> new ExecutorEngine(spec));
    }

    /** How many engines this JVM holds (one per distinct job configuration). */
    static int engines() {
        return ENGINES.size();
    }

    static void closeAll() {
        ENGINES.values().forEach(ExecutorEngine::close);
        ENGINES.clear();
    }

    static ResolvedPipeline resolve(JobSpec spec, BraidConfig config, BraidRuntime runtime) {
        String wanted = spec.settings().variant();
        PipelineSpec chosen = null;
        for (PipelineSpec p : config.variants()) {
            if (wanted.isBlank() || p.name().equals(wanted)) {
                chosen = p;
                break;
            }
        }
        if (chosen == null) {
            throw new ConfigException(spec.configFile(), "spark.variant", "no variant named '" + wanted
                    + "'; the configuration has " + config.variants().stream().map(PipelineSpec::name).toList());
        }
        return new PipelineResolver(runtime.registry()).resolve(chosen, spec.configFile());
    }

    ResolvedPipeline pipeline() {
        return pipeline;
    }

    BraidConfig config() {
        return config;
    }

    /** The encoders in {@link Modality} order. */
    Map<Modality, ModalityEncoder> encoders() {
        return encoders;
    }

    /**
     * The fusion strategy fitted on a sample, once per JVM and sample: every executor fits the same strategy on the
     * same broadcast sample, so all of them fuse alike without shipping a fitted model.
     */
    FusionStrategy fusion(FusionSample sample) {
        if (pipeline.fusion() == null) {
            return null;
        }
        return fitted.computeIfAbsent(sample.key(), k -> {
            ResolvedComponent rc = pipeline.fusion();
            FusionStrategy f = (FusionStrategy) services.factory().create(rc.descriptor(), rc.config(),
                    rc.spec().path());
            List<Item> items = new ArrayList<>();
            for (String id : sample.ids()) {
                items.add(Item.ofText(id, null));
            }
            Catalog catalog = new Catalog(items);
            Map<Modality, FeatureMatrix> modalities = new EnumMap<>(Modality.class);
            sample.vectors().forEach((m, rows) -> modalities.put(Modality.valueOf(m), FeatureMatrix.ofRows(
                    sample.dimensions().get(m), rows)));
            InteractionMatrix interactions = sample.interactions().isEmpty() ? null
                    : InteractionMatrix.of(catalog, sample.interactions());
            f.fit(new FusionInput(catalog, modalities, interactions, config.evaluation() == null ? 0L
                    : config.evaluation().path("seed").asLong(0L)), ProgressListener.NONE);
            log.info("Fusion '{}' fitted on {} sampled items", rc.spec().name(), items.size());
            return f;
        });
    }

    @Override
    public void close() {
        encoders.values().forEach(e -> {
            try {
                e.close();
            } catch (RuntimeException ex) {
                log.warn("Closing encoder {} failed: {}", e.getClass().getName(), ex.toString());
            }
        });
        fitted.values().forEach(f -> {
            try {
                f.close();
            } catch (RuntimeException ex) {
                log.warn("Closing fusion failed: {}", ex.toString());
            }
        });
        if (services != null) {
            services.close();
        }
        runtime.close();
    }
}
