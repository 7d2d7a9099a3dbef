package dev.braid.runtime.generation;

import dev.braid.api.kind.ComponentKind;
import dev.braid.api.data.Modality;
import dev.braid.runtime.blend.BlendStage;
import dev.braid.runtime.config.ComponentSpec;
import dev.braid.runtime.config.ConfigException;
import dev.braid.runtime.config.ConfigProblem;
import dev.braid.runtime.config.DescribeSpec;
import dev.braid.runtime.config.ParamBinder;
import dev.braid.runtime.config.PipelineSpec;
import dev.braid.runtime.plugin.ComponentDescriptor;
import dev.braid.runtime.plugin.ComponentRegistry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Matches a configured pipeline to the components available now and validates every parameter, collecting all
 * problems before anything runs.
 */
public final class PipelineResolver {
    private final ComponentRegistry registry;

    public PipelineResolver(ComponentRegistry registry) {
        this.registry = registry;
    }

    /** @throws ConfigException listing every unknown component and bad parameter with its path */
    public ResolvedPipeline resolve(PipelineSpec spec, String source) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<Modality, ResolvedComponent> encoders = new EnumMap<>(Modality.class);
        spec.encoders().forEach((m, c) -> resolve(c, problems).ifPresent(r -> {
            if (!r.descriptor().modalities().isEmpty() && !r.descriptor().modalities().contains(m)) {
                problems.add(new ConfigProblem(c.path() + ".name", "encoder '" + c.name() + "' encodes "
                        + r.descriptor().modalities().get(0).key() + ", not " + m.key()));
            }
            encoders.put(m, r);
        }));
        ResolvedComponent fusion = spec.fusion() == null ? null : resolve(spec.fusion(), problems).orElse(null);
        List<ResolvedComponent> generators = new ArrayList<>();
        for (ComponentSpec g : spec.generators()) {
            resolve(g, problems).ifPresent(generators::add);
        }
        if (spec.generators().isEmpty()) {
            problems.add(new ConfigProblem(prefix(spec.path()) + "generators", "declare at least one generator; "
                    + "available: " + String.join(", ", registry.names(ComponentKind.GENERATOR))));
        }
        if (!spec.encoders().isEmpty() && spec.fusion() == null && spec.encoders().size() > 1) {
            problems.add(new ConfigProblem(prefix(spec.path()) + "fusion", "several modalities need a fusion "
                    + "strategy; available: " + String.join(", ", registry.names(ComponentKind.FUSION))));
        }
        DescribeStep describe = null;
        if (spec.describe() != null) {
            DescribeSpec d = spec.describe();
            describe = resolve(d.component(), problems).map(r -> new DescribeStep(r, d.mode(), d.minTextChars()))
                    .orElse(null);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return new ResolvedPipeline(spec.name(), encoders, fusion, generators, spec.dropAtTest(), describe);
    }

    private Optional<ResolvedComponent> resolve(ComponentSpec c, List<ConfigProblem> problems) {
        Optional<ComponentDescriptor> d = c.composite() ? composite(c.name()) : registry.find(c.kind(), c.name());
        if (d.isEmpty()) {
            List<String> names = registry.names(c.kind());
            problems.add(new ConfigProblem(c.path() + ".name", "unknown " + c.kind().key() + " '" + c.name()
                    + "'; available: " + (names.isEmpty() ? "none" : String.join(", ", names))
                    + registry.departedProvider(c.kind(), c.name()).map(b -> " (it was provided by bundle " + b
                            + ", which is no longer installed)").orElse("")));
            return Optional.empty();
        }
        int before = problems.size();
        // A composite's inputs are resolved like any component of their kind, at their own paths.
        List<ResolvedComponent> inputs = new ArrayList<>();
        for (ComponentSpec input : c.inputs()) {
            resolve(input, problems).ifPresent(inputs::add);
        }
        problems.addAll(c.unknownKeys());
        Record config = null;
        try {
            config = ParamBinder.bind(d.get().configType(), c.configNode(), c.configPath(),
                    c.composite() ? Set.of() : c.kind() == ComponentKind.DESCRIBER ? DescribeSpec.RESERVED
                            : ComponentSpec.RESERVED);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        return problems.size() > before ? Optional.empty()
                : Optional.of(new ResolvedComponent(c, d.get(), config, inputs));
    }

    /** The composite stages the runtime provides. */
    private static Optional<ComponentDescriptor> composite(String name) {
        return name.equals(BlendStage.NAME) ? Optional.of(BlendStage.DESCRIPTOR) : Optional.empty();
    }

    private static String prefix(String path) {
        return path == null || path.isEmpty() ? "" : path + ".";
    }
}
