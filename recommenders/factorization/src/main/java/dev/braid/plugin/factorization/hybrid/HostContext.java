package dev.braid.plugin.factorization.hybrid;

import ai.djl.engine.Engine;

import java.util.concurrent.Callable;

/**
 * Runs code with the host's class loader as thread context class loader: DJL finds its engines through
 * {@link java.util.ServiceLoader} on the context class loader, which in a bundle cannot see the host's jars.
 */
final class HostContext {

    private HostContext() {
    }

    static <T> T call(Callable<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Engine.class.getClassLoader());
        try {
            return action.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
