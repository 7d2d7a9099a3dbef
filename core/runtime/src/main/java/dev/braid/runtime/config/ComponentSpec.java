package dev.braid.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.api.kind.ComponentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A component as a configuration declares it: {@code {name: tfidf, dimension: 4096}} (or just {@code tfidf}), at a
 * path in the file. Every key but {@code name} is a parameter of the component.
 *
 * <p>A composite stage is a component whose inputs are other components of the same kind, declared under its name:
 * {@code {blend: [bpr, {name: item-knn, neighbours: 50}], fit: {metric: ndcg}}}. Its inputs are ordinary
 * declarations at their own paths ({@code generators[0].blend[1]}) and its own parameters sit under
 * {@value #COMPOSITE_PARAMS}. The runtime provides the composites ({@link #COMPOSITES}).
 *
 * @param path   where it is declared ({@code variants[1].fusion})
 * @param kind   what kind of component the position requires
 * @param name   the component name
 * @param params the node holding its parameters (and the {@code name} key, or a composite's inputs)
 * @param inputs a composite's input components, in order; empty for a plain component
 */
public record ComponentSpec(String path, ComponentKind kind, String name, JsonNode params,
                            List<ComponentSpec> inputs) {

    /** Keys of a component node that are not parameters. */
    public static final Set<String> RESERVED = Set.of("name");
    /** The composite stages the runtime provides, by name. */
    public static final Set<String> COMPOSITES = Set.of("blend");
    /** Where a composite's own parameters are declared. */
    public static final String COMPOSITE_PARAMS = "fit";
    /** A composite of one input would be that input: at least two. */
    private static final int MIN_INPUTS = 2;

    public ComponentSpec {
        inputs = List.copyOf(inputs);
    }

    /** A plain component (no inputs). */
    public ComponentSpec(String path, ComponentKind kind, String name, JsonNode params) {
        this(path, kind, name, params, List.of());
    }

    /** Whether this is a composite stage. */
    public boolean composite() {
        return !inputs.isEmpty();
    }

    /** The node the component's configuration record is bound from. */
    public JsonNode configNode() {
        return composite() ? params.get(COMPOSITE_PARAMS) : params;
    }

    /** The path of {@link #configNode()}, for messages. */
    public String configPath() {
        return composite() ? path + "." + COMPOSITE_PARAMS : path;
    }

    /**
     * Keys of the declaration that are neither parameters nor reserved: for a composite, anything beside its
     * inputs and {@value #COMPOSITE_PARAMS} (a plain component's keys are checked when its parameters are bound).
     */
    public List<ConfigProblem> unknownKeys() {
        List<ConfigProblem> out = new ArrayList<>();
        if (composite()) {
            params.fieldNames().forEachRemaining(k -> {
                if (!k.equals(name) && !k.equals(COMPOSITE_PARAMS)) {
                    out.add(new ConfigProblem(path + "." + k, "unknown key; a " + name + " takes " + name
                            + " (its members) and " + COMPOSITE_PARAMS));
                }
            });
        }
        return out;
    }

    /** Reads a component node: a string (the name), a map with a {@code name}, or a composite stage. */
    public static ComponentSpec read(JsonNode node, String path, ComponentKind kind) {
        if (node == null || node.isNull()) {
            throw new ConfigException("", path, "missing " + kind.key());
        }
        if (node.isTextual()) {
            return new ComponentSpec(path, kind, node.asText(), ParamBinder.empty());
        }
        if (!node.isObject()) {
            throw new ConfigException("", path, "expected a component name or a map with 'name', got "
                    + ParamBinder.kind(node));
        }
        String composite = compositeName(node);
        if (composite != null) {
            return new ComponentSpec(path, kind, composite, node, inputs(node, path, kind, composite));
        }
        JsonNode name = node.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw new ConfigException("", path + ".name", "missing the " + kind.key() + "'s name");
        }
        return new ComponentSpec(path, kind, name.asText(), node);
    }

    /** The composite a node declares ({@code {blend: [...]}} without a {@code name}), or {@code null}. */
    private static String compositeName(JsonNode node) {
        if (node.has("name")) {
            return null;
        }
        return COMPOSITES.stream().filter(node::has).findFirst().orElse(null);
    }

    private static List<ComponentSpec> inputs(JsonNode node, String path, ComponentKind kind, String composite) {
        JsonNode list = node.get(composite);
        String p = path + "." + composite;
        if (list == null || !list.isArray()) {
            throw new ConfigException("", p, "expected a list of at least two " + kind.key() + "s to " + composite);
        }
        if (list.size() < MIN_INPUTS) {
            throw new ConfigException("", p, "a " + composite + " needs at least two " + kind.key() + "s, got "
                    + list.size());
        }
        List<ConfigProblem> problems = new ArrayList<>();
        List<ComponentSpec> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String ip = p + "[" + i + "]";
            if (list.get(i).isObject() && compositeName(list.get(i)) != null) {
                problems.add(new ConfigProblem(ip, "a " + composite + " cannot contain another composite stage"));
                continue;
            }
            try {
                out.add(read(list.get(i), ip, kind));
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("", problems);
        }
        return out;
    }
}
