package dev.braid.plugin.rules;

import dev.braid.api.component.Param;

/**
 * Boosts popular items: adds {@code weight * log(1 + n) / log(1 + max)}, where {@code n} is how many training users
 * interacted with the item and {@code max} the largest such count (the most popular item gets the full weight).
 *
 * @param weight the boost of the most popular item (negative demotes popular items)
 */
public record PopularityBoost(
        @Param(description = "boost of the most popular item; log-scaled below it", defaultValue = "1")
        Double weight) {

    public PopularityBoost {
        weight = weight == null ? 1.0 : weight;
    }
}
