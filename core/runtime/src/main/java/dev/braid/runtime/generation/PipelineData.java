package dev.braid.runtime.generation;

import dev.braid.api.data.Catalog;
import dev.braid.api.data.InteractionMatrix;

/**
 * The data a generation is built on.
 *
 * @param name        dataset name, for reports
 * @param catalog     the items
 * @param train       the interactions generators fit on (all of them when serving; the training split when
 *                    evaluating)
 * @param fingerprint identifies the catalog content and the training interactions: components fitted on other
 *                    data are not reused
 * @param seed        seed for everything that samples
 */
public record PipelineData(String name, Catalog catalog, InteractionMatrix train, String fingerprint, long seed) {
}
