package dev.braid.runtime.generation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Threads a plugin left running after its component was closed: threads whose class or context class loader is
 * the plugin's. They keep the bundle's class loader (and whatever it
 * loaded) alive and may still touch resources the plugin was told to release.
 *
 * @param component the closed component ("'x' (generator) from dev.example.plugin 1.0.0")
 * @param threads   the names of the threads still running
 * @param at        when they were found
 */
public record ThreadLeak(String component, List<String> threads, Instant at) {

    public ThreadLeak {
        threads = List.copyOf(threads);
    }

    /** The live threads that belong to a class loader, by name; the calling thread is never included. */
    public static List<String> threadsOf(ClassLoader loader) {
        List<String> out = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t != Thread.currentThread() && t.isAlive() && belongs(t, loader)) {
                out.add(t.getName());
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * A thread belongs to a plugin when its class or its context class loader is the plugin's: threads a plugin
     * starts inherit the context class loader the runtime sets while it builds or calls the plugin. (Stack frames are
     * not used: the same class name may come from an older version of the bundle.)
     */
    private static boolean belongs(Thread t, ClassLoader loader) {
        return t.getContextClassLoader() == loader || t.getClass().getClassLoader() == loader;
    }

    @Override
    public String toString() {
        return component + " left " + threads.size() + " thread(s) running after it was closed: " + threads;
    }
}
