package dev.braid.plugin.fusion;

import ai.djl.engine.Engine;
import java.util.function.Supplier;

/**
 * Runs code with the host's class loader as thread context class loader. DJL finds its engines through
 * {@link java.util.ServiceLoader} and resources of the context class loader; in a bundle that loader is the
 * bundle's, which cannot see the {@code META-INF/services} files of the host's jars. The platform libraries are
 * loaded by the host class loader, so that is the one to use.
 */
final class HostContext {

    private HostContext() {
    }

    /** The class loader of the platform layer (DJL, ONNX Runtime and the model jars on the host class path). */
    static ClassLoader hostLoader() {
        return Engine.class.getClassLoader();
    }

    /** Runs {@code action} with the host loader as context class loader (unchecked exceptions pass through). */
    static <T> T run(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(hostLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
