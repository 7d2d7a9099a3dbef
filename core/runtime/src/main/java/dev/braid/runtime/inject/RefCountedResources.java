package dev.braid.runtime.inject;

import dev.braid.api.component.SharedResources;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared heavy resources with reference counts, living as long as the runtime: a model loaded for one generation
 * stays loaded while the next generation acquires it too, and closes when the last holder releases it.
 */
public final class RefCountedResources implements SharedResources, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RefCountedResources.class);

    private final Map<String, Entry> entries = new HashMap<>();

    private static final class Entry {
        final AutoCloseable value;
        int holders;

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
            log.debug("Created shared resource {}", key);
        } else if (!type.isInstance(e.value)) {
            throw new IllegalStateException("shared resource '" + key + "' is a " + e.value.getClass().getName()
                    + ", not a " + type.getName());
        }
        e.holders++;
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
        if (--e.holders == 0 && entries.get(key) == e) {
            entries.remove(key);
            closeQuietly(key, e.value);
        }
    }

    /** How many resources are held now. */
    public synchronized int size() {
        return entries.size();
    }

    @Override
    public synchronized void close() {
        entries.forEach((key, e) -> closeQuietly(key, e.value));
        entries.clear();
    }

    private static void closeQuietly(String key, AutoCloseable value) {
        try {
            value.close();
            log.debug("Closed shared resource {}", key);
        } catch (Exception ex) {
            log.warn("Closing shared resource {} failed: {}", key, ex.toString());
        }
    }
}
