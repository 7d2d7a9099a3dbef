package dev.braid.api.fusion;

import dev.braid.api.data.Modality;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The per-modality vectors of one item; a modality may be absent. Immutable. */
public final class ModalityVectors {
    private final Map<Modality, float[]> vectors;

    private ModalityVectors(Map<Modality, float[]> vectors) {
        this.vectors = vectors;
    }

    /** Copies the given vectors; {@code null} values are treated as absent. */
    public static ModalityVectors of(Map<Modality, float[]> vectors) {
        EnumMap<Modality, float[]> copy = new EnumMap<>(Modality.class);
        vectors.forEach((m, v) -> {
            if (v != null) {
                copy.put(m, v.clone());
            }
        });
        return new ModalityVectors(Collections.unmodifiableMap(copy));
    }

    public boolean has(Modality modality) {
        return vectors.containsKey(modality);
    }

    /** A copy of the vector of this modality, if present. */
    public Optional<float[]> get(Modality modality) {
        float[] v = vectors.get(modality);
        return v == null ? Optional.empty() : Optional.of(v.clone());
    }

    /** The present modalities. */
    public Set<Modality> present() {
        return vectors.keySet();
    }

    public boolean isEmpty() {
        return vectors.isEmpty();
    }
}
