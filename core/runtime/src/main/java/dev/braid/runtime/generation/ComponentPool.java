package dev.braid.runtime.generation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built components (with their fitted state and outputs) that generations share. A node is built once per key
 * and reference-counted by the generations that use it; when the last one releases it, it is closed. This is how
 * an unchanged encoder or generator, and its loaded model, survives a configuration change untouched.
 *
 * <p>A retired generation hands its nodes back with {@link #releaseLater}: they are released, and closed when
 * unused, in reverse order of acquisition on the pool's one deconstructor thread, never on the request thread
 * that happened to finish last.
 */
public final class ComponentPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ComponentPool.class);

    /** Name of the thread that closes retired nodes. */
    public static final String DECONSTRUCTOR_THREAD = "braid-deconstructor";

    private final Map<NodeKey, Entry> nodes = new HashMap<>();
    private final List<Consumer<BuiltNode>> closeListeners = new CopyOnWriteArrayList<>();
    private final ExecutorService deconstructor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, DECONSTRUCTOR_THREAD);
        t.setDaemon(true);
        return t;
    });

    private static final class Entry {
        final BuiltNode node;
        int users;

        Entry(BuiltNode node) {
            this.node = node;
        }
    }

    /**
     * The node for this key, building it when absent. The build runs outside the pool's lock, so generations build
     * concurrently; if two build the same key at once, the first to finish wins and the other's node is closed.
     *
     * @return the node and whether it was reused
     */
    public Acquired acquire(NodeKey key, Supplier<BuiltNode> build) {
        synchronized (this) {
            Entry e = nodes.get(key);
            if (e != null) {
                e.users++;
                return new Acquired(e.node, true);
            }
        }
        BuiltNode built = build.get();
        synchronized (this) {
            Entry e = nodes.get(key);
            if (e != null) {
                e.users++;
                closeQuietly(built);
                return new Acquired(e.node, true);
            }
            e = new Entry(built);
            e.users = 1;
            nodes.put(key, e);
            return new Acquired(built, false);
        }
    }

    /** Releases one use; the node is closed when nobody uses it any more. */
    public void release(NodeKey key) {
        BuiltNode toClose = null;
        synchronized (this) {
            Entry e = nodes.get(key);
            if (e != null && --e.users == 0) {
                nodes.remove(key);
                toClose = e.node;
            }
        }
        if (toClose != null) {
            closeQuietly(toClose);
        }
    }

    /**
     * Releases one use of each key on the deconstructor thread, last acquired first; the future completes there
     * once the nodes nobody uses any more are closed. After {@link #close} it releases at once.
     */
    public CompletableFuture<Void> releaseLater(List<NodeKey> keys) {
        List<NodeKey> reversed = new ArrayList<>(keys);
        Collections.reverse(reversed);
        try {
            return CompletableFuture.runAsync(() -> reversed.forEach(this::release), deconstructor);
        } catch (RejectedExecutionException e) {
            reversed.forEach(this::release);
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Called after a node has been closed (for leak checks). */
    public void addCloseListener(Consumer<BuiltNode> listener) {
        closeListeners.add(listener);
    }

    /** Whether a live node's component class comes from this class loader. */
    public synchronized boolean usesLoader(ClassLoader loader) {
        return nodes.values().stream().anyMatch(e -> e.node.descriptor().type().getClassLoader() == loader);
    }

    /** How many nodes are alive. */
    public synchronized int size() {
        return nodes.size();
    }

    @Override
    public void close() {
        deconstructor.shutdown();
        try {
            if (!deconstructor.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("Closing retired components takes longer than 30 s; closing the rest now");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<NodeKey, Entry> copy;
        synchronized (this) {
            copy = new HashMap<>(nodes);
            nodes.clear();
        }
        copy.values().forEach(e -> closeQuietly(e.node));
    }

    private void closeQuietly(BuiltNode node) {
        try {
            node.close();
        } catch (RuntimeException e) {
            log.warn("Closing {} failed: {}", node.label(), e.toString());
        }
        for (Consumer<BuiltNode> l : closeListeners) {
            l.accept(node);
        }
    }

    /** A node handed to a generation. */
    public record Acquired(BuiltNode node, boolean reused) {
    }
}
