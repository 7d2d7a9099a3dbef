package dev.braid.platform.host;

/**
 * Makes the host's class loader the calling thread's context class loader until {@link #close()}, which puts the
 * previous one back. DJL finds its engines (and tokenizers their natives) through {@link java.util.ServiceLoader}
 * and resources of the context class loader; in a bundle that loader is the bundle's, which cannot see the
 * {@code META-INF/services} files of the host's jars. Use with try-with-resources, on one thread:
 * <pre>{@code
 * try (HostClassLoaderScope scope = HostClassLoaderScope.enter()) {
 *     Engine engine = Engine.getEngine("PyTorch");
 * }
 * }</pre>
 * Scopes nest: each restores what it found.
 */
public final class HostClassLoaderScope implements AutoCloseable {
    private final Thread thread;
    private final ClassLoader previous;
    private boolean closed;

    private HostClassLoaderScope(Thread thread, ClassLoader previous) {
        this.thread = thread;
        this.previous = previous;
    }

    /**
     * The class loader of the platform layer: the host's, which loads DJL, ONNX Runtime, the model jars and this
     * class from the host class path.
     */
    public static ClassLoader hostLoader() {
        return HostClassLoaderScope.class.getClassLoader();
    }

    /** Sets the host loader as the current thread's context class loader until the scope is closed. */
    public static HostClassLoaderScope enter() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(hostLoader());
        return new HostClassLoaderScope(thread, previous);
    }

    /**
     * Restores the context class loader the scope found; a second call does nothing.
     *
     * @throws IllegalStateException when called from another thread than the one that entered the scope
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("a host class-loader scope entered on thread '" + thread.getName()
                    + "' cannot be closed on thread '" + Thread.currentThread().getName() + "'");
        }
        closed = true;
        thread.setContextClassLoader(previous);
    }
}
