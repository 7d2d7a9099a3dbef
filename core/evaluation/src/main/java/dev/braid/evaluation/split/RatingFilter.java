package dev.braid.evaluation.split;

import dev.braid.api.data.Interaction;

import java.util.ArrayList;
import java.util.List;

/** Turns explicit ratings into positive feedback. */
public final class RatingFilter {
    private RatingFilter() {
    }

    /**
     * The interactions that count as positive: a rating of at least {@code threshold}, or no rating at all
     * (implicit feedback is always positive). Keeps the input order.
     */
    public static List<Interaction> positives(List<Interaction> interactions, double threshold) {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("rating threshold must be a number, got NaN");
        }
        List<Interaction> kept = new ArrayList<>(interactions.size());
        for (Interaction x : interactions) {
            if (!x.hasRating() || x.rating() >= threshold) {
                kept.add(x);
            }
        }
        return List.copyOf(kept);
    }
}
