package dev.braid.runtime.generation;

import dev.braid.runtime.inject.ComponentBuildException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs calls into plugins on a bounded set of threads of its own with a time limit, so that a plugin that hangs
 * costs at most those threads and failed calls, never the thread that asked: the caller gets an exception naming
 * the component after the limit, and the hung thread is interrupted (and left behind, counted in
 * {@link #abandoned()}, if it ignores that). At most {@link GuardLimits#threads()} calls run at once and at most
 * {@link GuardLimits#queue()} wait; a call beyond that is refused at once with an exception naming the component.
 * The plugin's class loader is the thread's context class loader during the call, and is reset afterwards.
 *
 * <p>{@link #guarded} wraps a plugin instance so that every method of every interface it implements (encode, fuse,
 * score, explain, rerank, close ...) is such a call. A guarded call made from inside another one runs inline: the
 * outer call's limit already covers it, and a guard thread never waits for another.
 */
public final class CallGuard implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);
    /** Name prefix of the guard's threads. */
    public static final String THREAD_PREFIX = "braid-guard-";

    private final Timeouts timeouts;
    private final GuardLimits limits;
    private final ThreadPoolExecutor calls;
    private final ThreadPoolExecutor builds;
    private final AtomicLong abandoned = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    public CallGuard(Timeouts timeouts) {
        this(timeouts, GuardLimits.fromSystemProperties());
    }

    public CallGuard(Timeouts timeouts, GuardLimits limits) {
        this.timeouts = timeouts;
        this.limits = limits;
        this.calls = executor("call", limits.threads(), limits.queue());
        this.builds = executor("build", limits.threads(), limits.queue());
    }

    private static ThreadPoolExecutor executor(String what, int threads, int queue) {
        ThreadPoolExecutor e = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, THREAD_PREFIX + what + "-" + THREADS.incrementAndGet());
                    t.setDaemon(true);
                    t.setContextClassLoader(CallGuard.class.getClassLoader());
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        e.allowCoreThreadTimeOut(true);
        return e;
    }

    public Timeouts timeouts() {
        return timeouts;
    }

    public GuardLimits limits() {
        return limits;
    }

    /** Calls that did not return in time and were left to their thread (interrupted). */
    public long abandoned() {
        return abandoned.get();
    }

    /** Calls refused because every thread was busy and the queue was full. */
    public long rejected() {
        return rejected.get();
    }

    /** The most threads that ran serving calls at once, since the guard started (at most the limit). */
    public int peakCallThreads() {
        return calls.getLargestPoolSize();
    }

    /** Serving calls waiting for a thread now. */
    public int queued() {
        return calls.getQueue().size();
    }

    /** Threads the guard holds now (busy or idle, at most twice {@link GuardLimits#threads()}). */
    public int threads() {
        return calls.getPoolSize() + builds.getPoolSize();
    }

    /**
     * Builds one component within {@link Timeouts#build()}.
     *
     * @param component names it in messages ("'x' (generator) from bundle 1.0.0 at generators[1]")
     * @throws ComponentBuildException when the work fails or does not finish in time
     */
    public <T> T build(String component, ClassLoader loader, Supplier<T> work) {
        try {
            return run(builds, component, loader, work::get, timeouts.build());
        } catch (TimeoutException e) {
            throw new ComponentBuildException(component + " did not finish building within "
                    + Timeouts.describe(timeouts.build()) + " (constructor, fit or encode hangs)", e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (RejectedExecutionException e) {
            throw new ComponentBuildException(component + " cannot be built: " + e.getMessage(), e);
        }
    }

    /**
     * Runs one serving call within {@link Timeouts#call()}.
     *
     * @param component who is being called when the call fails or times out (read at that moment)
     * @throws ComponentCallException naming the component when the work throws, does not return in time or
     *                                cannot start because the guard is full
     */
    public <T> T call(Supplier<String> component, Callable<T> work) {
        if (timeouts.call().isZero() || INSIDE.get()) {
            try {
                return work.call();
            } catch (ComponentCallException e) {
                throw e;
            } catch (Exception e) {
                throw new ComponentCallException(component.get() + " failed: " + GenerationBuilder.message(e), e);
            }
        }
        try {
            return run(calls, null, null, work, timeouts.call());
        } catch (TimeoutException e) {
            throw new ComponentCallException(component.get() + " did not return within "
                    + Timeouts.describe(timeouts.call()), e);
        } catch (RejectedExecutionException e) {
            throw new ComponentCallException(component.get() + " was refused: " + e.getMessage(), e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof Error err) {
                throw err;
            }
            if (c instanceof ComponentCallException cce) {
                throw cce;
            }
            throw new ComponentCallException(component.get() + " failed: " + GenerationBuilder.message(c), c);
        }
    }

    /**
     * The instance behind a proxy that sends every call of its public interfaces through {@link #call}, named
     * "{@code label} (method)". Equality and hash code are the instance's; {@code toString} is the label's.
     */
    @SuppressWarnings("unchecked")
    public <T> T guarded(T instance, String label) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> c = instance.getClass(); c != null; c = c.getSuperclass()) {
            collect(c, interfaces);
        }
        List<Class<?>> visible = new ArrayList<>();
        for (Class<?> i : interfaces) {
            if (Modifier.isPublic(i.getModifiers())) {
                visible.add(i);
            }
        }
        return (T) Proxy.newProxyInstance(instance.getClass().getClassLoader(), visible.toArray(new Class<?>[0]),
                new Handler(this, instance, label));
    }

    /** The plugin instance behind a {@link #guarded} proxy, or the object itself. */
    public static Object unwrap(Object maybeGuarded) {
        if (Proxy.isProxyClass(maybeGuarded.getClass())
                && Proxy.getInvocationHandler(maybeGuarded) instanceof Handler h) {
            return h.instance();
        }
        return maybeGuarded;
    }

    private Object invoke(Object instance, String label, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "toString" -> label;
                case "hashCode" -> instance.hashCode();
                case "equals" -> args[0] != null && unwrap(args[0]) == instance;
                default -> method.invoke(instance, args);
            };
        }
        if (INSIDE.get()) {
            // Already on a guard thread: the outer call names the component and holds the limit.
            try {
                return method.invoke(instance, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
        ClassLoader loader = instance.getClass().getClassLoader();
        return call(() -> label + " (" + method.getName() + ")", () -> {
            Thread me = Thread.currentThread();
            ClassLoader before = me.getContextClassLoader();
            me.setContextClassLoader(loader);
            try {
                return method.invoke(instance, args);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception ex ? ex : new ExecutionException(e.getCause());
            } finally {
                me.setContextClassLoader(before);
            }
        });
    }

    private record Handler(CallGuard guard, Object instance, String label) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            return guard.invoke(instance, label, method, args);
        }
    }

    private static void collect(Class<?> c, Set<Class<?>> out) {
        for (Class<?> i : c.getInterfaces()) {
            if (out.add(i)) {
                collect(i, out);
            }
        }
    }

    private <T> T run(ThreadPoolExecutor threads, String component, ClassLoader loader, Callable<T> work,
                      Duration limit) throws TimeoutException, ExecutionException {
        Future<T> f;
        try {
            f = threads.submit(() -> {
                Thread me = Thread.currentThread();
                if (loader != null) {
                    me.setContextClassLoader(loader);
                }
                INSIDE.set(true);
                try {
                    return work.call();
                } finally {
                    INSIDE.set(false);
                    // An idle guard thread must never look like a plugin's (see ThreadLeak).
                    me.setContextClassLoader(CallGuard.class.getClassLoader());
                }
            });
        } catch (RejectedExecutionException e) {
            rejected.incrementAndGet();
            throw new RejectedExecutionException("all " + limits.threads() + " guard threads are busy and "
                    + limits.queue() + " calls wait (" + abandoned.get() + " calls hung past their limit so far)"
                    + (component == null ? "" : " for " + component), e);
        }
        try {
            return f.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            abandoned.incrementAndGet();
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

    /** Stops the guard's threads (calls still running are interrupted). */
    @Override
    public void close() {
        calls.shutdownNow();
        builds.shutdownNow();
    }
}
