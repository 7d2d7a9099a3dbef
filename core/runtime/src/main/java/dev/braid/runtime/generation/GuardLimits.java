package dev.braid.runtime.generation;

/**
 * How many plugin calls the {@link CallGuard} runs at once and how many may wait. A plugin that hangs holds at most
 * {@code threads} threads; calls beyond {@code threads + queue} are refused with an error naming the component.
 *
 * @param threads calls running at once (per kind of work: serving calls, builds)
 * @param queue   calls waiting for a thread
 */
public record GuardLimits(int threads, int queue) {
    /** Defaults: 32 threads, 256 waiting calls. */
    public static final GuardLimits DEFAULT = new GuardLimits(32, 256);

    public GuardLimits {
        if (threads < 1 || queue < 1) {
            throw new IllegalArgumentException("guard limits must be at least 1: threads " + threads + ", queue "
                    + queue);
        }
    }

    /**
     * The defaults, overridden by the system properties {@code braid.guard.threads} and {@code braid.guard.queue}
     * (set with {@code BRAID_JAVA_OPTS}).
     */
    public static GuardLimits fromSystemProperties() {
        return new GuardLimits(read("braid.guard.threads", DEFAULT.threads), read("braid.guard.queue",
                DEFAULT.queue));
    }

    private static int read(String property, int fallback) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + ": expected a whole number, got '" + v + "'", e);
        }
    }
}
