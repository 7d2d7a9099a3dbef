package dev.braid.runtime.generation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches for threads that plugins leave behind. When the pool closes a component built from a plugin class
 * loader and no live component shares that loader, it waits a grace period and then looks for threads that still
 * belong to the loader ({@link ThreadLeak#threadsOf}); each finding is logged and kept ({@link #leaks()}). Braid
 * cannot stop such threads safely, so it names them.
 */
public final class LeakWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeakWatch.class);

    private final ComponentPool pool;
    private final Duration grace;
    private final List<ThreadLeak> leaks = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "braid-leak-watch");
        t.setDaemon(true);
        return t;
    });

    public LeakWatch(ComponentPool pool, Duration grace) {
        this.pool = pool;
        this.grace = grace;
        pool.addCloseListener(this::closed);
    }

    private void closed(BuiltNode node) {
        ClassLoader loader = node.descriptor().type().getClassLoader();
        if (loader == null || loader == LeakWatch.class.getClassLoader() || loader == ClassLoader.getSystemClassLoader()) {
            return; // host components share the host's loader: their threads cannot be told apart
        }
        String component = node.descriptor().label();
        checks.schedule(() -> check(component, loader), grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check(String component, ClassLoader loader) {
        if (pool.usesLoader(loader)) {
            return; // another live component comes from the same plugin: its threads may be legitimate
        }
        List<String> threads = ThreadLeak.threadsOf(loader);
        if (!threads.isEmpty()) {
            ThreadLeak leak = new ThreadLeak(component, threads, Instant.now());
            leaks.add(leak);
            log.warn("Plugin leak: {}", leak);
        }
    }

    /** Every leak found so far, oldest first. */
    public List<ThreadLeak> leaks() {
        return List.copyOf(leaks);
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
