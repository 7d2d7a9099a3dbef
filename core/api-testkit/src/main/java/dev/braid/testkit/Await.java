package dev.braid.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition that another thread makes true (a bundle registered, a generation swapped in), polling
 * every 20 ms. The deadline is generous on purpose: it only bounds how long a broken build hangs, it is not a
 * timing assertion.
 */
public final class Await {
    /** The default deadline: long enough for a loaded 2-core machine. */
    public static final Duration DEFAULT = Duration.ofSeconds(60);

    private Await() {
    }

    /** Returns once {@code condition} holds; fails naming {@code what} when it does not within {@link #DEFAULT}. */
    public static void until(BooleanSupplier condition, String what) throws InterruptedException {
        until(DEFAULT, condition, what);
    }

    /** Returns once {@code condition} holds; fails naming {@code what} when it does not within {@code limit}. */
    public static void until(Duration limit, BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("not within " + limit.toSeconds() + " s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
