package dev.braid.plugin.fusion;

/**
 * How this bundle's configuration records reject a value: one message shape, {@code "param: rule, got value"}, so a
 * user reads the same kind of error whichever strategy they configured.
 */
final class ParamRules {
    private ParamRules() {
    }

    /** @throws IllegalArgumentException naming the parameter, the rule and the value, unless {@code ok} */
    static void check(boolean ok, String param, String rule, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(param + ": " + rule + ", got " + value);
        }
    }

    /** The trimmed, lower-cased choice, when it is one of {@code allowed}. */
    static String choice(String param, String value, String... allowed) {
        String v = value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw new IllegalArgumentException(param + ": expected " + String.join(" or ", allowed) + ", got '" + value
                + "'");
    }
}
