package dev.braid.runtime.pipeline;

import dev.braid.api.component.Environment;
import dev.braid.api.compute.ComputeBackend;
import dev.braid.runtime.BraidRuntime;
import dev.braid.runtime.cache.VectorCache;
import dev.braid.runtime.compute.Backends;
import dev.braid.runtime.generation.ComponentPool;
import dev.braid.runtime.generation.GenerationBuilder;
import dev.braid.runtime.generation.LeakWatch;
import dev.braid.runtime.inject.ComponentFactory;
import dev.braid.runtime.inject.RefCountedResources;
import java.nio.file.Path;

/**
 * The services pipelines are built with, wired once per process: the chosen compute backend, the shared
 * resources, the component factory, the component pool and the vector cache.
 */
public final class PipelineServices implements AutoCloseable {
    private final ComputeBackend backend;
    private final RefCountedResources resources = new RefCountedResources();
    private final ComponentPool pool = new ComponentPool();
    private final GenerationBuilder builder;
    private final ComponentFactory factory;
    private final LeakWatch leaks;

    public PipelineServices(BraidRuntime runtime, String backendName, Path baseDir, long seed) {
        this.backend = Backends.select(backendName, runtime.registry());
        Path cache = runtime.home().cache();
        Environment env = new Environment(cache, baseDir, seed);
        this.factory = new ComponentFactory(backend, resources, env);
        this.builder = new GenerationBuilder(factory, pool, new VectorCache(cache.resolve("vectors")), backend,
                Runtime.getRuntime().availableProcessors());
        this.leaks = new LeakWatch(pool, builder.guard().timeouts().leakGrace());
    }

    /** Threads that closed plugin components left running. */
    public LeakWatch leaks() {
        return leaks;
    }

    public ComputeBackend backend() {
        return backend;
    }

    /** Creates single components outside a pipeline (benchmarks). */
    public ComponentFactory factory() {
        return factory;
    }

    public GenerationBuilder builder() {
        return builder;
    }

    public ComponentPool pool() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
        builder.guard().close();
        leaks.close();
        resources.close();
        backend.close();
    }
}
