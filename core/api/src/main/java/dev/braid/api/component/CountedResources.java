package dev.braid.api.component;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * {@link SharedResources} with reference counts, as the runtime provides them: the first acquisition of a key creates
 * the resource, later ones share it, a second type for one key is refused, and the resource is closed when its last
 * lease is released. The runtime and the plugin test kit both use this class, so a plugin's tests see exactly the
 * sharing its components get in production. Thread-safe.
 *
 * <pre>{@code
 * try (CountedResources resources = new CountedResources((key, e) -> { throw new IllegalStateException(key, e); })) {
 *     try (SharedResources.Lease<Model> a = resources.acquire("model:abc", Model.class, Model::load);
 *          SharedResources.Lease<Model> b = resources.acquire("model:abc", Model.class, Model::load)) {
 *         assert a.get() == b.get() && resources.held() == 1;
 *     }
 *     assert resources.held() == 0; // the model was closed with its last lease
 * }
 * }</pre>
 *
 * @since component 1.2.0
 */
public class CountedResources implements SharedResources, AutoCloseable {
    private final Map<String, Entry> entries = new HashMap<>();
    private final BiConsumer<String, Exception> closeFailed;

    private static final class Entry {
        final AutoCloseable value;
        int leases;

        Entry(AutoCloseable value) {
            this.value = value;
        }
    }

    /** @param closeFailed told the key and the exception when closing a resource fails (log it, or rethrow it) */
    public CountedResources(BiConsumer<String, Exception> closeFailed) {
        this.closeFailed = closeFailed;
    }

    @Override
    public synchronized <T extends AutoCloseable> Lease<T> acquire(String key, Class<T> type, Supplier<T> factory) {
        Entry e = entries.get(key);
        if (e == null) {
            T created = factory.get();
            if (created == null) {
                throw new IllegalStateException("the factory for shared resource '" + key + "' returned null");
            }
            e = new Entry(created);
            entries.put(key, e);
            created(key);
        } else if (!type.isInstance(e.value)) {
            throw new IllegalStateException("shared resource '" + key + "' is a " + e.value.getClass().getName()
                    + ", not a " + type.getName());
        }
        e.leases++;
        Entry held = e;
        AtomicBoolean released = new AtomicBoolean();
        return new Lease<>() {
            @Override
            public T get() {
                return type.cast(held.value);
            }

            @Override
            public void close() {
                if (released.compareAndSet(false, true)) {
                    release(key, held);
                }
            }
        };
    }

    /** Called (under the lock) when a resource for {@code key} was just created; does nothing by default. */
    protected void created(String key) {
    }

    private synchronized void release(String key, Entry e) {
        if (--e.leases == 0 && entries.get(key) == e) {
            entries.remove(key);
            closeResource(key, e.value);
        }
    }

    /** How many resources are held by at least one lease now. */
    public synchronized int held() {
        return entries.size();
    }

    /** Closes every resource still held (components should have released theirs) and forgets them. */
    @Override
    public synchronized void close() {
        entries.forEach((key, e) -> closeResource(key, e.value));
        entries.clear();
    }

    private void closeResource(String key, AutoCloseable value) {
        try {
            value.close();
        } catch (Exception ex) {
            closeFailed.accept(key, ex);
        }
    }
}
