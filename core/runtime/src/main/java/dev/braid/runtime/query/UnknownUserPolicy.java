package dev.braid.runtime.query;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a user the training data does not know (or a request without a user) is recommended. */
public enum UnknownUserPolicy {
    /** The most popular items of the training interactions, among those the chain's rules let through. */
    POPULARITY("popularity"),
    /** No items (the answer says why). */
    EMPTY("empty"),
    /** A refusal ({@link QueryRefused.Kind#UNKNOWN_USER}). */
    ERROR("error");

    private final String key;

    UnknownUserPolicy(String key) {
        this.key = key;
    }

    /** The name used in configurations. */
    public String key() {
        return key;
    }

    /** The policy named {@code key} (case-insensitive), if any. */
    public static Optional<UnknownUserPolicy> of(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key.toLowerCase(Locale.ROOT))).findFirst();
    }
}
