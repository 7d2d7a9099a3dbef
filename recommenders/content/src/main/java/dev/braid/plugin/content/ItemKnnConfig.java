package dev.braid.plugin.content;

import dev.braid.api.component.Param;

/**
 * Configuration of the {@code item-knn} generator.
 *
 * @param neighbours     how many most similar items to keep per item
 * @param minSimilarity  neighbours must have a cosine above this
 * @param weightByRating weigh each history item's neighbours by its interaction value
 * @param blockRows      items per similarity block at fit (memory: {@code blockRows x catalog size} floats)
 */
public record ItemKnnConfig(
        @Param(description = "most similar items kept per item", defaultValue = "50", min = 1) int neighbours,
        @Param(description = "keep only neighbours whose cosine is above this", defaultValue = "0", min = -1, max = 1)
        double minSimilarity,
        @Param(description = "weigh history items by their rating (implicit feedback counts 1)",
                defaultValue = "false") boolean weightByRating,
        @Param(description = "items per similarity block at fit; a block needs blockRows x catalog-size floats",
                defaultValue = "256", min = 1) int blockRows) {

    /** 50 neighbours with positive similarity, unweighted, blocks of 256 items. */
    public static ItemKnnConfig defaults() {
        return new ItemKnnConfig(50, 0, false, 256);
    }
}
