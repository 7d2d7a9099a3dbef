package dev.braid.testkit;

import dev.braid.api.component.SharedResources;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * {@link SharedResources} for tests, with the runtime's semantics: the first acquisition of a key creates the
 * resource, later ones share it, a second type for one key is refused, and the resource is closed when its last
 * lease is released. {@link #held()} lets a test check that a component released what it acquired.
 */
public final class InMemorySharedResources implements SharedResources, AutoCloseable {
    private final Map<String, Entry> entries = new HashMap<>();

    private static final class Entry {
        final AutoCloseable value;
        int leases;

        Entry(AutoCloseable value) {
            this.value = value;
        }
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

    /** Closes every resource still held (a test's clean-up; a component should have released them). */
    @Override
    public synchronized void close() {
        entries.forEach((key, e) -> closeResource(key, e.value));
        entries.clear();
    }

    private static void closeResource(String key, AutoCloseable value) {
        try {
            value.close();
        } catch (Exception ex) {
            throw new IllegalStateException("closing shared resource '" + key + "' failed", ex);
        }
    }
}
