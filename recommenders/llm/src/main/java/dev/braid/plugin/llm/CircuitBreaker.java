package dev.braid.plugin.llm;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Stops calling an endpoint that keeps failing: after {@code threshold} consecutive failed calls it opens and
 * refuses calls for {@code cooldown}; then one trial call goes through (half-open), whose success closes it and
 * whose failure opens it again. Callers fall back at once instead of waiting for timeouts.
 */
final class CircuitBreaker {
    private final int threshold;
    private final long cooldownNanos;
    private final LongSupplier clock;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicLong openUntil = new AtomicLong(Long.MIN_VALUE);
    private final AtomicBoolean open = new AtomicBoolean();
    private final AtomicBoolean trialInFlight = new AtomicBoolean();

    CircuitBreaker(int threshold, long cooldownNanos, LongSupplier clock) {
        this.threshold = threshold;
        this.cooldownNanos = cooldownNanos;
        this.clock = clock;
    }

    /** Whether a call may go ahead now; in the half-open state only one caller gets {@code true}. */
    boolean allow() {
        if (!open.get()) {
            return true;
        }
        if (clock.getAsLong() - openUntil.get() < 0) {
            return false;
        }
        return trialInFlight.compareAndSet(false, true);
    }

    void success() {
        consecutiveFailures.set(0);
        open.set(false);
        trialInFlight.set(false);
    }

    void failure() {
        int n = consecutiveFailures.incrementAndGet();
        if (n >= threshold || open.get()) {
            openUntil.set(clock.getAsLong() + cooldownNanos);
            open.set(true);
            trialInFlight.set(false);
        }
    }

    /** Gives back a half-open trial that sent nothing (no slot, no budget): the next caller may try. */
    void release() {
        trialInFlight.set(false);
    }

    boolean isOpen() {
        return open.get();
    }
}
