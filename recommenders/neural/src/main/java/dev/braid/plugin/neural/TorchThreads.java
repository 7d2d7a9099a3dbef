package dev.braid.plugin.neural;

import ai.djl.engine.Engine;
import java.lang.reflect.Method;

/**
 * Sets PyTorch's intra-op thread count for the duration of a training. With several threads (and MKL's dynamic
 * threading on a loaded machine) reductions may be summed in a different order from run to run, which breaks
 * bit-for-bit reproducibility; one thread restores it. The engine's JNI class is reached through the engine's own
 * class loader (the bundle compiles against DJL's API only); if it is not there the setting is left alone.
 */
final class TorchThreads {
    private TorchThreads() {
    }

    /** Sets the thread count and returns the previous one, or -1 when it could not be read or set. */
    static int set(Engine engine, int threads) {
        try {
            Class<?> jni = Class.forName("ai.djl.pytorch.jni.JniUtils", true, engine.getClass().getClassLoader());
            Method get = jni.getMethod("getNumThreads");
            Method set = jni.getMethod("setNumThreads", int.class);
            int previous = (Integer) get.invoke(null);
            if (threads > 0 && threads != previous) {
                set.invoke(null, threads);
            }
            return previous;
        } catch (ReflectiveOperationException | LinkageError e) {
            return -1;
        }
    }
}
