package dev.braid.it;

import dev.braid.api.kind.ComponentKind;
import dev.braid.runtime.BraidHome;
import dev.braid.runtime.BraidRuntime;
import dev.braid.runtime.generation.GenerationManager;
import dev.braid.runtime.pipeline.LivePipeline;
import dev.braid.runtime.plugin.RegistryListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * The real runtime (embedded Felix) started from the built distribution's bundles over the staircase data
 * ({@link Distribution#writeStaircaseData}), optionally with one live pipeline. Waits are driven by the runtime's
 * events (a plugin came or went, a build finished) with a generous deadline, so a loaded machine is slower but
 * never wrong.
 */
final class LiveRuntime implements AutoCloseable {
    /** How long a wait may take before it fails the test: far beyond what any event needs. */
    static final Duration DEADLINE = Duration.ofMinutes(2);
    /** The dataset section every configuration of these tests shares. */
    static final String DATASET = """
            dataset:
              type: tabular
              catalog: {file: data/catalog.tsv, id: id, title: title, text: [title], attributes: [genre]}
              interactions: {file: data/interactions.tsv, user: user, item: item, rating: rating}
            """;

    private final Path dir;
    private final Path home;
    private final Path config;
    private final BraidRuntime runtime;
    private final RegistryListener onComponents = reason -> signal();
    private final Object events = new Object();
    private long eventCount;
    private LivePipeline live;

    private LiveRuntime(Path dir, Path home, BraidRuntime runtime) {
        this.dir = dir;
        this.home = home;
        this.config = dir.resolve("live.yaml");
        this.runtime = runtime;
        runtime.registry().addListener(onComponents);
    }

    /**
     * A fresh home in {@code dir} with the staircase data (genres from {@code genre}), the runtime started on it.
     *
     * @param prepare runs on the fresh home before the runtime starts (to move bundles, say)
     * @param watch   whether {@code plugins/} is watched
     */
    static LiveRuntime start(Path dir, IntFunction<String> genre, HomeSetup prepare, boolean watch)
            throws Exception {
        Path home = Distribution.freshHome(dir);
        Distribution.writeStaircaseData(dir, genre);
        prepare.accept(home);
        return new LiveRuntime(dir, home, BraidRuntime.start(new BraidHome(home, dir.resolve("cache")), watch));
    }

    /** Writes the configuration ({@link #DATASET} and then {@code body}) and keeps a pipeline live on it. */
    LiveRuntime serve(String body) throws Exception {
        writeConfig(body);
        live = LivePipeline.start(runtime, config, null);
        live.generations().addListener(outcome -> signal());
        return this;
    }

    /** Replaces the configuration atomically (a live pipeline rebuilds); {@link #DATASET} comes first. */
    void writeConfig(String body) throws Exception {
        Path tmp = dir.resolve("live.yaml.tmp");
        Files.writeString(tmp, "name: live\n" + DATASET + body);
        Files.move(tmp, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    Path home() {
        return home;
    }

    Path config() {
        return config;
    }

    BraidRuntime runtime() {
        return runtime;
    }

    LivePipeline live() {
        return live;
    }

    GenerationManager manager() {
        return live.generations();
    }

    /** Waits until the runtime lists (or no longer lists) a generator or encoder by name. */
    void awaitComponent(ComponentKind kind, String name, boolean present) throws InterruptedException {
        await(() -> runtime.registry().names(kind).contains(name) == present, kind.key() + " '" + name + "' "
                + (present ? "registered" : "gone"));
    }

    /**
     * Waits until the condition holds, checking it again at each event of the runtime (and at least every second,
     * for state that changes without one, such as a leak report after its grace period).
     *
     * @throws AssertionError naming {@code what} when {@link #DEADLINE} passes first
     */
    void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            long seen;
            synchronized (events) {
                seen = eventCount;
            }
            // The condition is checked outside the lock: it may call into the registry, which signals us.
            if (condition.getAsBoolean()) {
                return;
            }
            synchronized (events) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("not within " + DEADLINE.toSeconds() + " s: " + what);
                }
                if (eventCount == seen) {
                    events.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 1000)));
                }
            }
        }
    }

    private void signal() {
        synchronized (events) {
            eventCount++;
            events.notifyAll();
        }
    }

    @Override
    public void close() {
        runtime.registry().removeListener(onComponents);
        if (live != null) {
            live.close();
        }
        runtime.close();
    }

    /** Work on a fresh home before the runtime starts. */
    @FunctionalInterface
    interface HomeSetup {
        void accept(Path home) throws Exception;

        HomeSetup NONE = home -> {
        };
    }
}
