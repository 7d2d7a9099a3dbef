package dev.braid.api.component;

import java.util.function.Supplier;

/**
 * Heavy resources (a loaded model, a native session) shared between components and across pipeline generations,
 * with reference counts. A component acquires a resource by a key that identifies its content (for a model file,
 * its hash): the first acquisition creates it, later ones reuse it, and it is closed when the last lease is
 * released. A component releases its leases in {@link AutoCloseable#close()}.
 */
public interface SharedResources {

    /**
     * Acquires the resource for this key, creating it with {@code factory} when nobody holds it.
     *
     * @throws IllegalStateException when an existing resource for the key has another type
     */
    <T extends AutoCloseable> Lease<T> acquire(String key, Class<T> type, Supplier<T> factory);

    /** A hold on a shared resource; closing the lease releases it (once). */
    interface Lease<T> extends AutoCloseable {
        T get();

        @Override
        void close();
    }
}
