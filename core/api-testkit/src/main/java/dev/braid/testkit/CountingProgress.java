package dev.braid.testkit;

import dev.braid.api.component.ProgressListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link ProgressListener} that records the tasks started and counts the units advanced, for assertions. */
public final class CountingProgress implements ProgressListener {
    private final List<String> tasks = new CopyOnWriteArrayList<>();
    private final AtomicLong units = new AtomicLong();

    @Override
    public void start(String task, long totalUnits) {
        tasks.add(task);
    }

    @Override
    public void advance(long n) {
        units.addAndGet(n);
    }

    @Override
    public void finish() {
    }

    /** The names of the tasks started, in order. */
    public List<String> tasks() {
        return List.copyOf(tasks);
    }

    /** The units advanced over all tasks. */
    public long units() {
        return units.get();
    }
}
