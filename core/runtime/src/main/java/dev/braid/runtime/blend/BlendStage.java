package dev.braid.runtime.blend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.api.kind.ComponentKind;
import dev.braid.runtime.config.ComponentSpec;
import dev.braid.runtime.config.ConfigException;
import dev.braid.runtime.config.ConfigProblem;
import dev.braid.runtime.config.ParamBinder;
import dev.braid.runtime.plugin.ComponentDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code blend} entry of a generator chain, a stage the runtime itself provides:
 * <pre>{@code generators: [{blend: [bpr, {name: item-knn, neighbours: 50}], fit: {metric: ndcg, k: 10}}, rules]}</pre>
 * Each member is an ordinary generator declaration (any bundle's), checked like any other at its path
 * ({@code generators[0].blend[1].neighbours}); {@code fit} is a {@link BlendFit}. In the chain the stage reads as one
 * generator named {@code blend}.
 */
public final class BlendStage {
    /** The name the stage has in the chain. */
    public static final String NAME = "blend";
    private static final Set<String> KEYS = Set.of("blend", "fit");

    /** The descriptor of the stage: a host component that is not in the registry. */
    public static final ComponentDescriptor DESCRIPTOR = new ComponentDescriptor(NAME, ComponentKind.GENERATOR,
            List.of(), BlendGenerator.class, BlendConfig.class,
            "blend of generators with weights fitted on a validation split", ComponentDescriptor.Origin.HOST);

    private BlendStage() {
    }

    /** Whether a generator node declares a blend ({@code {blend: [...]}}). */
    public static boolean declares(JsonNode node) {
        return node != null && node.isObject() && node.has("blend") && !node.has("name");
    }

    /** Whether a component spec is a blend stage. */
    public static boolean is(ComponentSpec spec) {
        return spec.name().equals(NAME) && declares(spec.params());
    }

    /**
     * Checks the shape of a blend node and returns it as a spec named {@code blend} (its members and fit are read
     * again by {@link #members} and {@link #fit} when the pipeline is resolved).
     */
    public static ComponentSpec read(JsonNode node, String path, List<ConfigProblem> problems) {
        node.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                problems.add(new ConfigProblem(path + "." + k, "unknown key; a blend takes blend (its members) and "
                        + "fit"));
            }
        });
        try {
            members(node, path);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        try {
            fit(node, path);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        return new ComponentSpec(path, ComponentKind.GENERATOR, NAME, node);
    }

    /** The member declarations. */
    public static List<ComponentSpec> members(JsonNode node, String path) {
        JsonNode list = node.get("blend");
        String p = path + ".blend";
        if (list == null || !list.isArray()) {
            throw new ConfigException("", p, "expected a list of at least two generators to blend");
        }
        if (list.size() < 2) {
            throw new ConfigException("", p, "a blend needs at least two generators, got " + list.size());
        }
        List<ConfigProblem> problems = new ArrayList<>();
        List<ComponentSpec> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String mp = p + "[" + i + "]";
            if (declares(list.get(i))) {
                problems.add(new ConfigProblem(mp, "a blend cannot contain another blend"));
                continue;
            }
            try {
                out.add(ComponentSpec.read(list.get(i), mp, ComponentKind.GENERATOR));
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("", problems);
        }
        return out;
    }

    /** The weight fitting ({@link BlendFit#defaults()} when {@code fit} is absent). */
    public static BlendFit fit(JsonNode node, String path) {
        return ParamBinder.bind(BlendFit.class, node.get("fit"), path + ".fit", Set.of());
    }
}
