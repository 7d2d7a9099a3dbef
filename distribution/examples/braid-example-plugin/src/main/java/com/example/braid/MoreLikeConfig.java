package com.example.braid;

import dev.braid.api.component.Param;

/**
 * Parameters of {@link MoreLikeGenerator}.
 *
 * @param seed   the item whose look-alikes are recommended
 * @param weight how much the similarity adds to the score
 */
public record MoreLikeConfig(
        @Param(description = "id of the item whose look-alikes to recommend") String seed,
        @Param(description = "weight of the cosine similarity added to each score", defaultValue = "1.0", min = 0)
        double weight) {
}
