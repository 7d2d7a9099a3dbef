package dev.braid.runtime.config;

import dev.braid.api.data.Modality;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One pipeline as configured: an encoder per modality, an optional fusion strategy and a chain of generators.
 *
 * @param name       the variant name ("default" for a file without variants)
 * @param path       where the variant is declared, for messages ({@code variants[2]}, or empty)
 * @param encoders   the encoder of each modality used
 * @param fusion     the fusion strategy, or {@code null} when the pipeline has no encoders
 * @param generators the generator chain, first to last
 * @param dropAtTest modalities removed from every item at test time (the pipeline is fitted with them, then
 *                   evaluated without them); empty for a normal variant
 * @param describe   the step that derives item text from images before the text encoder runs, or {@code null}
 */
public record PipelineSpec(String name, String path, Map<Modality, ComponentSpec> encoders, ComponentSpec fusion,
                           List<ComponentSpec> generators, Set<Modality> dropAtTest, DescribeSpec describe) {

    public PipelineSpec {
        encoders = Map.copyOf(encoders);
        generators = List.copyOf(generators);
        dropAtTest = dropAtTest == null ? Set.of() : Set.copyOf(dropAtTest);
    }

    /** A variant without a describe step. */
    public PipelineSpec(String name, String path, Map<Modality, ComponentSpec> encoders, ComponentSpec fusion,
                        List<ComponentSpec> generators, Set<Modality> dropAtTest) {
        this(name, path, encoders, fusion, generators, dropAtTest, null);
    }

    /** A variant that drops nothing at test time. */
    public PipelineSpec(String name, String path, Map<Modality, ComponentSpec> encoders, ComponentSpec fusion,
                        List<ComponentSpec> generators) {
        this(name, path, encoders, fusion, generators, Set.of());
    }
}
