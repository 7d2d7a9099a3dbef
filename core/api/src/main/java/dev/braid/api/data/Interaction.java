package dev.braid.api.data;

import java.util.Objects;

/**
 * One user-item event.
 *
 * @param user      user id
 * @param item      item id
 * @param rating    explicit rating, or {@link Double#NaN} for implicit feedback
 * @param timestamp seconds since the epoch, or {@link #NO_TIMESTAMP}
 */
public record Interaction(String user, String item, double rating, long timestamp) {

    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    public Interaction {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(item, "item");
    }

    /** An implicit interaction without rating or time. */
    public static Interaction implicit(String user, String item) {
        return new Interaction(user, item, Double.NaN, NO_TIMESTAMP);
    }

    public boolean hasRating() {
        return !Double.isNaN(rating);
    }

    public boolean hasTimestamp() {
        return timestamp != NO_TIMESTAMP;
    }
}
