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
}
