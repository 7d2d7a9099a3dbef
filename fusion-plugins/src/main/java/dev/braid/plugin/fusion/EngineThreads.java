package dev.braid.plugin.fusion;

import ai.djl.engine.Engine;
import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits the PyTorch engine's intra-op threads while a small model trains, and restores the previous count after.
 * The transformer's tensors are tiny (a few tokens of width 32): OpenMP gains nothing on them, and on a busy machine
 * its barriers cost a descheduled thread's time slice per operation (measured on the demo under load: 112 s of
 * training with 2 threads, 9 s with 1). PyTorch's setting is process-wide, so other PyTorch work in the JVM sees it
 * while the training runs. The setter is not part of DJL's engine-neutral API, so it is found by reflection on the
 * engine's class loader; when that fails the engine's setting is left alone (logged once per training).
 */
final class EngineThreads implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineThreads.class);
    private static final String JNI = "ai.djl.pytorch.jni.JniUtils";

    private final Method set;
    private final int previous;

    private EngineThreads(Method set, int previous) {
        this.set = set;
        this.previous = previous;
    }

    /** Sets {@code threads} intra-op threads ({@code <= 0}: leaves the engine's setting) until {@link #close}. */
    static EngineThreads limit(Engine engine, int threads) {
        if (threads <= 0) {
            return new EngineThreads(null, 0);
        }
        try {
            Class<?> jni = Class.forName(JNI, true, engine.getClass().getClassLoader());
            Method get = jni.getMethod("getNumThreads");
            Method set = jni.getMethod("setNumThreads", int.class);
            int previous = (Integer) get.invoke(null);
            if (previous == threads) {
                return new EngineThreads(null, 0);
            }
            set.invoke(null, threads);
            return new EngineThreads(set, previous);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.warn("{}: cannot set the PyTorch engine's intra-op threads to {} ({}); keeping its setting",
                    TransformerFusion.NAME, threads, e.toString());
            return new EngineThreads(null, 0);
        }
    }

    @Override
    public void close() {
        if (set != null) {
            try {
                set.invoke(null, previous);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.warn("{}: cannot restore the PyTorch engine's intra-op threads to {} ({})", TransformerFusion.NAME,
                        previous, e.toString());
            }
        }
    }
}
