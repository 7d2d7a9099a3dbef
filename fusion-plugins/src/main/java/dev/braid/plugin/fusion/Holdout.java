package dev.braid.plugin.fusion;

import java.util.Locale;

/** What a learned fusion's validation split holds out of the training interactions. */
enum Holdout {
    /** A share of each user's interactions: the held-out items stay in other users' histories (warm items). */
    INTERACTIONS,
    /**
     * A share of the items with every interaction on them: they are never trained on and compete only with each
     * other, as cold items do in a cold-start evaluation.
     */
    ITEMS;

    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming {@code param} when {@code value} is neither key */
    static Holdout parse(String param, String value) {
        for (Holdout h : values()) {
            if (h.key().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return h;
            }
        }
        throw new IllegalArgumentException(param + ": expected interactions or items, got '" + value + "'");
    }
}
