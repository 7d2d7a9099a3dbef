package dev.braid.plugin.fusion;

import dev.braid.api.data.Modality;
import dev.braid.api.fusion.FusionInput;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Checks the fusion strategies share (which modalities to fuse, dimensions). */
final class FusionParams {
    private FusionParams() {
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
