package dev.braid.platform.training;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.braid.platform.host.HostClassLoaderScope;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exclusive right to train on the PyTorch engine, one lease per JVM: a PyTorch gradient collector and its thread
 * setting are process-wide, so trainings take turns, whichever bundle runs them. While held, the lease also keeps the
 * host class loader as context class loader (see {@link HostClassLoaderScope}) and, when asked, sets PyTorch's
 * intra-op thread count, restoring the previous count on {@link #close()}. One intra-op thread makes a seeded
 * training reproduce bit for bit (several threads sum in a varying order) and spares small models OpenMP's barriers.
 * <pre>{@code
 * try (TrainingLease lease = TrainingLease.acquire("two-tower", 1)) {
 *     ... train with lease.engine() ...
 * }
 * }</pre>
 * The lease is reentrant: a training that starts another on the same thread (a stage inside a stage) gets a nested
 * lease, whose close restores what it changed. Other threads wait, in arrival order.
 * <p>
 * Failure behaviour: when the PyTorch engine cannot be loaded, or refuses the thread count asked for, {@link #acquire}
 * throws {@link IllegalStateException} naming the holder and the cause, with nothing held
 * or changed: the training does not start rather than run without the reproducibility it asked for. PyTorch's
 * inter-op thread count is left alone: PyTorch accepts it once per process, before any parallel work, so it cannot
 * be set and restored per training.
 */
public final class TrainingLease implements AutoCloseable {
    /** DJL's name of the PyTorch engine. */
    public static final String ENGINE = "PyTorch";

    private static final Logger LOG = LoggerFactory.getLogger(TrainingLease.class);
    private static final ReentrantLock LOCK = new ReentrantLock(true);

    private final String holder;
    private final Engine engine;
    private final HostClassLoaderScope scope;
    private final int restoreThreads;
    private boolean closed;

    private TrainingLease(String holder, Engine engine, HostClassLoaderScope scope, int restoreThreads) {
        this.holder = holder;
        this.engine = engine;
        this.scope = scope;
        this.restoreThreads = restoreThreads;
    }

    /**
     * Waits for the lease and takes it.
     *
     * @param holder         who trains (a component name), for messages
     * @param intraOpThreads PyTorch's intra-op threads while the lease is held; {@code <= 0} leaves the setting alone
     * @throws IllegalStateException when the thread count cannot be set (see the class comment)
     */
    public static TrainingLease acquire(String holder, int intraOpThreads) {
        LOCK.lock();
        HostClassLoaderScope scope = HostClassLoaderScope.enter();
        try {
            Engine engine = Engine.getEngine(ENGINE);
            int restore = -1;
            if (intraOpThreads > 0) {
                int previous = JniUtils.getNumThreads();
                if (previous != intraOpThreads) {
                    JniUtils.setNumThreads(intraOpThreads);
                    restore = previous;
                }
            }
            LOG.debug("{}: training lease taken (intra-op threads {})", holder, intraOpThreads);
            return new TrainingLease(holder, engine, scope, restore);
        } catch (RuntimeException | LinkageError e) {
            scope.close();
            LOCK.unlock();
            throw new IllegalStateException(holder + ": cannot prepare the " + ENGINE + " engine for training"
                    + (intraOpThreads > 0 ? " with " + intraOpThreads + " intra-op thread(s)" : "") + " ("
                    + e + ")", e);
        }
    }

    /** Whether the calling thread holds a lease. */
    public static boolean heldByCurrentThread() {
        return LOCK.isHeldByCurrentThread();
    }

    /** The PyTorch engine, loaded through the host class loader. */
    public Engine engine() {
        return engine;
    }

    /** Restores the thread count and context class loader and releases the lease; a second call does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (restoreThreads > 0) {
                JniUtils.setNumThreads(restoreThreads);
            }
        } finally {
            scope.close();
            LOCK.unlock();
            LOG.debug("{}: training lease released", holder);
        }
    }
}
