package dev.braid.api.generator;

import dev.braid.api.data.Catalog;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.ItemFeatures;

/**
 * What a generator fits on.
 *
 * @param catalog      the items, in the order of every score array
 * @param features     the encoded (and fused) item vectors; may have none
 * @param interactions the training interactions (positives only, after the rating threshold)
 * @param seed         seed for reproducible training
 */
public record TrainingData(Catalog catalog, ItemFeatures features, InteractionMatrix interactions, long seed) {

    /**
     * The interactions, after checking that they cover exactly the catalog's items (one score slot per item).
     *
     * @param who the generator's name, for the error
     * @throws IllegalArgumentException when the interaction matrix and the catalog differ in size
     * @since 1.2.0 of this package
     */
    public InteractionMatrix requireInteractions(String who) {
        if (interactions.numItems() != catalog.size()) {
            throw new IllegalArgumentException(who + ": the interactions cover " + interactions.numItems()
                    + " items but the catalog has " + catalog.size());
        }
        return interactions;
    }
}
