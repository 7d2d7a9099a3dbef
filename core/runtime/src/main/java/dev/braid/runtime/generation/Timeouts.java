package dev.braid.runtime.generation;

import java.time.Duration;
import java.util.Locale;

/**
 * How long the runtime waits for a plugin before it gives up on it and says which one hung.
 *
 * @param build  building one component: constructor, fit and (for encoders) encoding the catalog
 * @param call   one serving call through the generator chain ({@code score}, {@code explain}); zero disables the
 *               guard (calls then run on the caller's thread)
 * @param leakGrace how long after a component closes its threads may still run before they count as leaked
 */
public record Timeouts(Duration build, Duration call, Duration leakGrace) {
    /** Defaults: 30 min to build a component, 30 s per serving call, 1 s grace for threads. */
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofMinutes(30), Duration.ofSeconds(30),
            Duration.ofSeconds(1));

    public Timeouts {
        if (build.isNegative() || build.isZero() || call.isNegative() || leakGrace.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive: " + build + ", " + call + ", " + leakGrace);
        }
    }

    /**
     * The defaults, overridden by the system properties {@code braid.timeout.build}, {@code braid.timeout.call} and
     * {@code braid.timeout.leakGrace} ({@code 500ms}, {@code 20s}, {@code 10m}; set with {@code BRAID_JAVA_OPTS}).
     */
    public static Timeouts fromSystemProperties() {
        return new Timeouts(read("braid.timeout.build", DEFAULT.build), read("braid.timeout.call", DEFAULT.call),
                read("braid.timeout.leakGrace", DEFAULT.leakGrace));
    }

    private static Duration read(String property, Duration fallback) {
        String v = System.getProperty(property);
        return v == null || v.isBlank() ? fallback : parse(property, v);
    }

    /** Parses {@code 250ms}, {@code 3s}, {@code 2m}, {@code 1h} or an ISO-8601 duration. */
    static Duration parse(String what, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
            }
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1).trim());
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(what + ": expected a duration such as 500ms, 20s or 10m, got '" + text
                    + "'", e);
        }
    }

    /** "1500 ms" or "30 s", for messages. */
    static String describe(Duration d) {
        return d.toMillis() < 10_000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }
}
