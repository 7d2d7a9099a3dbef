package dev.braid.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.api.kind.ComponentKind;
import java.util.Set;

/**
 * A component as a configuration declares it: {@code {name: tfidf, dimension: 4096}} (or just {@code tfidf}), at a
 * path in the file. Every key but {@code name} is a parameter of the component.
 *
 * @param path   where it is declared ({@code variants[1].fusion})
 * @param kind   what kind of component the position requires
 * @param name   the component name
 * @param params the node holding its parameters (and the {@code name} key)
 */
public record ComponentSpec(String path, ComponentKind kind, String name, JsonNode params) {

    /** Keys of a component node that are not parameters. */
    public static final Set<String> RESERVED = Set.of("name");

    /** Reads a component node: a string (the name) or a map with a {@code name}. */
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
        JsonNode name = node.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw new ConfigException("", path + ".name", "missing the " + kind.key() + "'s name");
        }
        return new ComponentSpec(path, kind, name.asText(), node);
    }
}
