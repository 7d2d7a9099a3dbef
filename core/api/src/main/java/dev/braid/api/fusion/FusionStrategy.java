package dev.braid.api.fusion;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Modality;
import java.util.Map;

/**
 * Combines the per-modality vectors of an item into one vector. Missing modalities are first-class: a strategy
 * must give a meaningful vector for any non-empty subset of the modalities it was fitted on (masking and
 * re-weighting, never pretending an absent vector is zeros).
 *
 * <p>The runtime calls {@link #fit} once with the catalog's vectors, then {@link #fuse} for every item and for
 * ad-hoc queries; after {@code fit}, {@code fuse} must be thread-safe.
 */
public interface FusionStrategy extends AutoCloseable {

    /** Learns what the strategy needs (statistics, projections, weights). */
    void fit(FusionInput input, ProgressListener progress);

    /** The length of the fused vector; valid after {@link #fit}. */
    int dimension();

    /**
     * Fuses one item's vectors.
     *
     * @return the fused vector, or {@code null} when none of the item's modalities can be used
     */
    float[] fuse(ModalityVectors vectors);

    /** The weight each modality carries, for reports (after fit). Empty when not meaningful. */
    default Map<Modality, Double> modalityWeights() {
        return Map.of();
    }

    /**
     * A one-line, human-readable account of what {@link #fit} chose, for reports (after fit): for instance the
     * weights a strategy picked on a validation split and the validation figures behind the choice. Empty when the
     * strategy has nothing to say.
     */
    default String fitSummary() {
        return "";
    }

    @Override
    default void close() {
    }
}
