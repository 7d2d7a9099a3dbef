package dev.braid.runtime.cli;

import dev.braid.api.component.ProgressListener;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shows the progress of long steps on the terminal's error stream (stdout stays for results): a line when a task
 * starts, then one at each quarter, and the time it took. Works the same in a terminal and in CI logs.
 */
final class ConsoleProgress implements ProgressListener {
    private final PrintStream err;
    private volatile String task;
    private volatile long total;
    private final AtomicLong done = new AtomicLong();
    private volatile int lastQuarter;
    private volatile long started;

    ConsoleProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public synchronized void start(String taskName, long totalUnits) {
        task = taskName;
        total = totalUnits;
        done.set(0);
        lastQuarter = 0;
        started = System.nanoTime();
        err.println((totalUnits == 0 ? "" : "  ") + taskName + (totalUnits > 0 ? " (" + totalUnits + ")" : "")
                + (totalUnits == 0 ? "" : " ..."));
        if (totalUnits == 0) {
            task = null; // a header: nothing to finish
        }
    }

    @Override
    public void advance(long units) {
        long d = done.addAndGet(units);
        if (total > 0) {
            int quarter = (int) (4 * d / total);
            if (quarter > lastQuarter && quarter < 4) {
                synchronized (this) {
                    if (quarter > lastQuarter) {
                        lastQuarter = quarter;
                        err.printf("  %s: %d%% (%d/%d)%n", task, quarter * 25, d, total);
                    }
                }
            }
        }
    }

    @Override
    public synchronized void finish() {
        if (task != null) {
            err.printf("  %s: done in %.1f s%n", task, (System.nanoTime() - started) / 1e9);
            task = null;
        }
    }
}
