package dev.braid.runtime.generation;

import dev.braid.runtime.inject.ComponentBuildException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs calls into plugins on threads of its own with a time limit, so that a plugin that hangs costs one thread and
 * one failed call, never the thread that asked: the caller gets an exception naming the component after the limit,
 * and the hung thread is interrupted (and left behind if it ignores that). The plugin's class loader is the
 * thread's context class loader during the call, and is reset afterwards.
 */
public final class CallGuard {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Timeouts timeouts;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "braid-guard-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        t.setContextClassLoader(CallGuard.class.getClassLoader());
        return t;
    });

    public CallGuard(Timeouts timeouts) {
        this.timeouts = timeouts;
    }

    public Timeouts timeouts() {
        return timeouts;
    }

    /**
     * Builds one component within {@link Timeouts#build()}.
     *
     * @param component names it in messages ("'x' (generator) from bundle 1.0.0 at generators[1]")
     * @throws ComponentBuildException when the work fails or does not finish in time
     */
    public <T> T build(String component, ClassLoader loader, Supplier<T> work) {
        try {
            return run(loader, work::get, timeouts.build());
        } catch (TimeoutException e) {
            throw new ComponentBuildException(component + " did not finish building within "
                    + Timeouts.describe(timeouts.build()) + " (constructor, fit or encode hangs)", e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    /**
     * Runs one serving call within {@link Timeouts#call()}.
     *
     * @param component who is being called when the call fails or times out (read at that moment)
     * @throws ComponentCallException naming the component when the work throws or does not return in time
     */
    public <T> T call(Supplier<String> component, Callable<T> work) {
        if (timeouts.call().isZero()) {
            try {
                return work.call();
            } catch (Exception e) {
                throw new ComponentCallException(component.get() + " failed: " + GenerationBuilder.message(e), e);
            }
        }
        try {
            return run(null, work, timeouts.call());
        } catch (TimeoutException e) {
            throw new ComponentCallException(component.get() + " did not return within "
                    + Timeouts.describe(timeouts.call()), e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof Error err) {
                throw err;
            }
            throw new ComponentCallException(component.get() + " failed: " + GenerationBuilder.message(c), c);
        }
    }

    private <T> T run(ClassLoader loader, Callable<T> work, Duration limit) throws TimeoutException,
            ExecutionException {
        Future<T> f = threads.submit(() -> {
            Thread me = Thread.currentThread();
            if (loader != null) {
                me.setContextClassLoader(loader);
            }
            try {
                return work.call();
            } finally {
                // An idle guard thread must never look like a plugin's (see ThreadLeak).
                me.setContextClassLoader(CallGuard.class.getClassLoader());
            }
        });
        try {
            return f.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw e;
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a plugin", e);
        }
    }

    private static RuntimeException rethrow(Throwable c) {
        if (c instanceof RuntimeException re) {
            return re;
        }
        if (c instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(GenerationBuilder.message(c), c);
    }
}
