package dev.braid.runtime.generation;

import dev.braid.api.data.Modality;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pipeline whose every component was found in the registry and whose parameters were validated.
 *
 * @param name       the variant name
 * @param encoders   per modality
 * @param fusion     the fusion strategy, or {@code null}
 * @param generators the generator chain
 * @param dropAtTest modalities removed from every item at test time (empty: none)
 * @param describe   the step that derives item text before the text encoder runs, or {@code null}
 */
public record ResolvedPipeline(String name, Map<Modality, ResolvedComponent> encoders, ResolvedComponent fusion,
                               List<ResolvedComponent> generators, Set<Modality> dropAtTest,
                               DescribeStep describe) {

    public ResolvedPipeline {
        encoders = Map.copyOf(encoders);
        generators = List.copyOf(generators);
        dropAtTest = dropAtTest == null ? Set.of() : Set.copyOf(dropAtTest);
    }

    /** A pipeline without a describe step. */
    public ResolvedPipeline(String name, Map<Modality, ResolvedComponent> encoders, ResolvedComponent fusion,
                            List<ResolvedComponent> generators, Set<Modality> dropAtTest) {
        this(name, encoders, fusion, generators, dropAtTest, null);
    }

    /** A pipeline that drops nothing at test time. */
    public ResolvedPipeline(String name, Map<Modality, ResolvedComponent> encoders, ResolvedComponent fusion,
                            List<ResolvedComponent> generators) {
        this(name, encoders, fusion, generators, Set.of());
    }
}
