package dev.braid.api.fusion;

import dev.braid.api.data.Catalog;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Modality;
import java.util.Map;
import java.util.Optional;

/**
 * What a fusion strategy fits on: the catalog's per-modality vectors (with presence masks) and, for strategies
 * trained against the recommendation objective, the training interactions.
 *
 * @param catalog      the catalog, in row order
 * @param modalities   one matrix per encoded modality
 * @param interactions the training interactions, or {@code null} when fitting without them
 * @param seed         seed for strategies that sample
 */
public record FusionInput(Catalog catalog, Map<Modality, FeatureMatrix> modalities,
                          InteractionMatrix interactions, long seed) {

    public FusionInput {
        modalities = Map.copyOf(modalities);
    }

    public Optional<InteractionMatrix> interactionsValue() {
        return Optional.ofNullable(interactions);
    }

    /** The vectors of one catalog row, absent modalities left out. */
    public ModalityVectors row(int item) {
        java.util.EnumMap<Modality, float[]> v = new java.util.EnumMap<>(Modality.class);
        modalities.forEach((m, matrix) -> {
            float[] r = matrix.row(item);
            if (r != null) {
                v.put(m, r);
            }
        });
        return ModalityVectors.of(v);
    }
}
