package dev.braid.plugin.content;

import dev.braid.api.component.Param;

/**
 * Configuration of the {@code content-profile} generator.
 *
 * @param weightByRating weigh each history item by its interaction value (rating, or 1 for implicit feedback)
 * @param vectorWeight   when a query has both a known user and a vector: the share of the vector's cosine in the
 *                       blended score ({@code (1 - w) * user + w * vector})
 */
public record ContentProfileConfig(
        @Param(description = "weigh history items by their rating (implicit feedback counts 1)",
                defaultValue = "false") boolean weightByRating,
        @Param(description = "share of the query vector when a query has both a user and a vector: "
                + "score = (1 - w) * cos(profile, item) + w * cos(vector, item)", defaultValue = "0.5", min = 0, max = 1)
        double vectorWeight) {

    /** Unweighted profiles, equal blend. */
    public static ContentProfileConfig defaults() {
        return new ContentProfileConfig(false, 0.5);
    }
}
