package dev.braid.runtime.blend;

import dev.braid.api.kind.ComponentKind;
import dev.braid.api.generator.Generator;
import dev.braid.runtime.plugin.ComponentDescriptor;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code blend} composite of a generator chain, a stage the runtime itself provides:
 * <pre>{@code generators: [{blend: [bpr, {name: item-knn, neighbours: 50}], fit: {metric: ndcg, k: 10}}, rules]}</pre>
 * Its inputs are ordinary generator declarations (any bundle's), checked like any other at their paths
 * ({@code generators[0].blend[1].neighbours}); its configuration is a {@link BlendFit} read from {@code fit}. In the
 * chain the stage reads as one generator named {@code blend}.
 */
public final class BlendStage {
    /** The name the stage has in the chain. */
    public static final String NAME = "blend";

    /** The descriptor of the stage: a host component that is not in the registry. */
    public static final ComponentDescriptor DESCRIPTOR = new ComponentDescriptor(NAME, ComponentKind.GENERATOR,
            List.of(), BlendGenerator.class, BlendFit.class,
            "blend of generators with weights fitted on a validation split", ComponentDescriptor.Origin.HOST);

    private BlendStage() {
    }

    /**
     * A blend of the given inputs.
     *
     * @param inputs one factory per input, each giving a fresh, unfitted instance
     */
    public static Generator create(BlendFit fit, List<String> names, List<Supplier<Generator>> inputs) {
        return new BlendGenerator(fit, names, inputs);
    }
}
