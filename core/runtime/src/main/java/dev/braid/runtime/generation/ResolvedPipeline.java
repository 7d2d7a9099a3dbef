package dev.braid.runtime.generation;

import dev.braid.api.data.Modality;
import java.util.List;
import java.util.Map;

/**
 * A pipeline whose every component was found in the registry and whose parameters were validated.
 *
 * @param name       the variant name
 * @param encoders   per modality
 * @param fusion     the fusion strategy, or {@code null}
 * @param generators the generator chain
 */
public record ResolvedPipeline(String name, Map<Modality, ResolvedComponent> encoders, ResolvedComponent fusion,
                               List<ResolvedComponent> generators) {

    public ResolvedPipeline {
        encoders = Map.copyOf(encoders);
        generators = List.copyOf(generators);
    }
}
