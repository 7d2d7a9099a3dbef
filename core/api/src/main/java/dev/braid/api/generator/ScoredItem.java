package dev.braid.api.generator;

import java.util.List;
import java.util.Objects;

/**
 * One recommendation.
 *
 * @param itemId  the item
 * @param score   its score (higher is better; only the order is meaningful across generators)
 * @param reasons what touched it (generator and rule names), for explanation
 */
public record ScoredItem(String itemId, double score, List<String> reasons) {

    public ScoredItem {
        Objects.requireNonNull(itemId, "itemId");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
