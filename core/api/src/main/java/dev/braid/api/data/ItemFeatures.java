package dev.braid.api.data;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The encoded catalog: one feature matrix per encoded modality and, when a fusion strategy ran, the fused matrix.
 * All matrices have one row per catalog item, in catalog order.
 */
public final class ItemFeatures {
    private final Map<Modality, FeatureMatrix> modalities;
    private final FeatureMatrix fused;

    public ItemFeatures(Map<Modality, FeatureMatrix> modalities, FeatureMatrix fused) {
        EnumMap<Modality, FeatureMatrix> copy = new EnumMap<>(Modality.class);
        copy.putAll(modalities);
        this.modalities = Collections.unmodifiableMap(copy);
        this.fused = fused;
    }

    /** Features with no vectors at all (a pipeline without encoders, e.g. popularity only). */
    public static ItemFeatures none() {
        return new ItemFeatures(Map.of(), null);
    }

    public Map<Modality, FeatureMatrix> modalities() {
        return modalities;
    }

    public Optional<FeatureMatrix> modality(Modality modality) {
        return Optional.ofNullable(modalities.get(modality));
    }

    /** The fused matrix, if the pipeline fused its modalities. */
    public Optional<FeatureMatrix> fused() {
        return Optional.ofNullable(fused);
    }

    /** The fused matrix; fails with a message a user can act on when the pipeline has none. */
    public FeatureMatrix requireFused(String who) {
        return fused().orElseThrow(() -> new IllegalStateException(Objects.requireNonNull(who)
                + " needs item features, but the pipeline declares no encoders (or no fusion)"));
    }
}
