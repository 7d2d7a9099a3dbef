package dev.braid.plugin.fusion;

import dev.braid.api.data.Modality;
import dev.braid.api.fusion.FusionInput;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parsing and checks the fusion strategies share (modality weights, modality lists, dimensions). */
final class FusionParams {
    private FusionParams() {
    }

    /**
     * Parses {@code weights} (modality key to weight {@code >= 0}).
     *
     * @throws IllegalArgumentException naming {@code weights.<key>} for an unknown modality or a bad weight
     */
    static Map<Modality, Double> weights(Map<String, Double> weights) {
        EnumMap<Modality, Double> w = new EnumMap<>(Modality.class);
        weights.forEach((key, value) -> {
            Modality m;
            try {
                m = Modality.parse(key);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("weights." + key + ": " + e.getMessage(), e);
            }
            if (value == null || !Double.isFinite(value) || value < 0) {
                throw new IllegalArgumentException("weights." + key + ": must be a number >= 0, got " + value);
            }
            w.put(m, value);
        });
        return Collections.unmodifiableMap(w);
    }

    /** Parses a list of modality keys; a bad entry is named {@code modalities[i]}. */
    static Set<Modality> modalities(List<String> keys) {
        EnumSet<Modality> mods = EnumSet.noneOf(Modality.class);
        for (int i = 0; i < keys.size(); i++) {
            try {
                mods.add(Modality.parse(keys.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("modalities[" + i + "]: " + e.getMessage(), e);
            }
        }
        return Collections.unmodifiableSet(mods);
    }

    /**
     * The modalities to fuse: the configured ones (each must be in the input) or, when none are configured, every
     * modality of the input.
     */
    static Set<Modality> select(String who, Set<Modality> configured, FusionInput input) {
        Set<Modality> use = EnumSet.noneOf(Modality.class);
        if (configured.isEmpty()) {
            use.addAll(input.modalities().keySet());
        } else {
            for (Modality m : configured) {
                if (!input.modalities().containsKey(m)) {
                    throw new IllegalArgumentException("modalities: '" + m.key() + "' is listed but the pipeline "
                            + "encodes only " + keys(input.modalities().keySet()));
                }
            }
            use.addAll(configured);
        }
        if (use.isEmpty()) {
            throw new IllegalArgumentException(who + " needs at least one encoded modality, the input has none");
        }
        return use;
    }

    static void checkDimension(String who, Modality m, float[] x, int expected) {
        if (x.length != expected) {
            throw new IllegalArgumentException(who + ": the " + m.key() + " vector has dimension " + x.length
                    + ", but fit saw " + expected);
        }
    }

    static String keys(Set<Modality> modalities) {
        return modalities.isEmpty() ? "none"
                : String.join(", ", modalities.stream().map(Modality::key).toList());
    }
}
