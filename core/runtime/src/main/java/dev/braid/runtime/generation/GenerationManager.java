package dev.braid.runtime.generation;

import dev.braid.api.component.ProgressListener;
import dev.braid.runtime.config.BraidConfig;
import dev.braid.runtime.config.PipelineSpec;
import dev.braid.runtime.plugin.ComponentRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one generation live and builds the next when the configuration or the plugins change. Builds run one at a
 * time on a background thread, coalescing bursts of changes (a bundle update fires several events); the new
 * generation is validated and fully built beside the live one, then swapped in with one atomic reference update.
 * The old one is retired: calls in flight finish on it, then it closes. A failed build leaves the live generation
 * serving and records why ({@link #lastOutcome()}).
 */
public final class GenerationManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GenerationManager.class);
    private static final long DEBOUNCE_MILLIS = 150;

    private final Supplier<BraidConfig> configSource;
    private final Function<BraidConfig, PipelineData> dataSource;
    private final ComponentRegistry registry;
    private final GenerationBuilder builder;
    private final String variant;
    private final ScheduledExecutorService executor;
    private final AtomicReference<Generation> live = new AtomicReference<>();
    private final AtomicInteger numbers = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private final List<BuildOutcome> history = new CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<BuildOutcome>> listeners = new CopyOnWriteArrayList<>();
    private final List<String> pendingReasons = new ArrayList<>();
    private ScheduledFuture<?> scheduled;
    private final dev.braid.runtime.plugin.RegistryListener registryListener;
    private PipelineData data;
    private String dataKey;

    /**
     * @param configSource reads the current configuration (called at each build)
     * @param dataSource   loads the data a configuration names (called when the dataset section changes)
     * @param variant      which variant to serve, or {@code null} for the first
     */
    public GenerationManager(Supplier<BraidConfig> configSource, Function<BraidConfig, PipelineData> dataSource,
                             ComponentRegistry registry, GenerationBuilder builder, String variant) {
        this.configSource = configSource;
        this.dataSource = dataSource;
        this.registry = registry;
        this.builder = builder;
        this.variant = variant;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "braid-generations");
            t.setDaemon(true);
            return t;
        });
        this.registryListener = this::requestBuild;
        registry.addListener(registryListener);
    }

    /** Builds the first generation now, on the caller's thread. */
    public BuildOutcome start() {
        try {
            return executor.submit(() -> buildNow("start")).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Asks for a new generation soon; several requests close together make one build. */
    public synchronized void requestBuild(String reason) {
        if (executor.isShutdown()) {
            return; // closing: bundles stopping at shutdown must not start a build
        }
        pendingReasons.add(reason);
        if (scheduled == null || scheduled.isDone()) {
            scheduled = executor.schedule(() -> {
                String why;
                synchronized (GenerationManager.this) {
                    why = String.join("; ", pendingReasons);
                    pendingReasons.clear();
                    // A request that arrives while this build runs must schedule another one, not join this one.
                    scheduled = null;
                }
                buildNow(why);
            }, DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private BuildOutcome buildNow(String reason) {
        int attempt = attempts.incrementAndGet();
        long t0 = System.nanoTime();
        BuildOutcome outcome;
        try {
            BraidConfig config = configSource.get();
            PipelineSpec spec = variant == null ? config.variants().get(0) : config.variant(variant);
            ResolvedPipeline resolved = new PipelineResolver(registry).resolve(spec, String.valueOf(config.file()));
            String key = String.valueOf(config.dataset()) + "|" + config.baseDir();
            if (data == null || !key.equals(dataKey)) {
                data = dataSource.apply(config);
                dataKey = key;
            }
            Generation next = builder.build(numbers.incrementAndGet(), resolved, data, ProgressListener.NONE);
            try {
                firstQuery(next);
            } catch (RuntimeException e) {
                next.retire();
                throw e;
            }
            Generation old = live.getAndSet(next);
            if (old != null) {
                old.retire();
            }
            log.info("Generation {} is live ({} ms; reason: {}; reused: {})", next.number(),
                    (System.nanoTime() - t0) / 1_000_000, reason, next.reused());
            outcome = new BuildOutcome(attempt, next.number(), reason, null, Instant.now());
        } catch (RuntimeException | LinkageError e) {
            Generation current = live.get();
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            log.error("Building a new generation failed ({}); {}: {}", reason, current == null
                    ? "nothing is live" : "generation " + current.number() + " keeps serving", msg);
            outcome = new BuildOutcome(attempt, -1, reason, msg, Instant.now());
        }
        history.add(outcome);
        for (var l : listeners) {
            l.accept(outcome);
        }
        return outcome;
    }

    /**
     * Answers one query on a new generation before it goes live, so that a generator that throws or hangs when
     * scoring fails the build (naming it) instead of the live traffic.
     */
    private static void firstQuery(Generation next) {
        var train = next.data().train();
        if (train.numUsers() > 0) {
            next.recommend(dev.braid.api.generator.Query.forUser(train.userId(0)), 1);
        }
    }

    /** The live generation, if any. Use {@link #call} to run a request on it safely. */
    public Optional<Generation> live() {
        return Optional.ofNullable(live.get());
    }

    /**
     * Runs a call on the live generation, holding it so that a swap in the meantime lets the call finish on the
     * generation it started on.
     *
     * @throws IllegalStateException when no generation is live
     */
    public <T> T call(Function<Generation, T> work) {
        while (true) {
            Generation g = live.get();
            if (g == null) {
                throw new IllegalStateException("no generation is live: " + lastOutcome().map(BuildOutcome::error)
                        .orElse("none was built yet"));
            }
            if (g.tryAcquire()) {
                try {
                    return work.apply(g);
                } finally {
                    g.release();
                }
            }
            // retired between get() and tryAcquire(): the next one is already live
        }
    }

    public Optional<BuildOutcome> lastOutcome() {
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
    }

    public List<BuildOutcome> history() {
        return List.copyOf(history);
    }

    public void addListener(java.util.function.Consumer<BuildOutcome> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        registry.removeListener(registryListener);
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Generation g = live.getAndSet(null);
        if (g != null) {
            g.retire();
        }
    }
}
