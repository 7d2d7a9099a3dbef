package dev.braid.plugin.image;

import ai.djl.engine.Engine;
import java.util.concurrent.Callable;

/**
 * Runs code with the host's class loader as thread context class loader. DJL finds its engines (and tokenizers
 * their natives) through {@link java.util.ServiceLoader} and resources of the context class loader; in a bundle
 * that loader is the bundle's, which cannot see the {@code META-INF/services} files of the host's jars. The
 * platform libraries are loaded by the host class loader, so that is the one to use.
 */
final class HostContext {

    private HostContext() {
    }

    /** The class loader of the platform layer (DJL, ONNX Runtime and the model jars on the host class path). */
    static ClassLoader hostLoader() {
        return Engine.class.getClassLoader();
    }

    static <T> T call(Callable<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(hostLoader());
        try {
            return action.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
