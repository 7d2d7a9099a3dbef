package dev.braid.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.api.describe.DescriptionMode;
import dev.braid.api.kind.ComponentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The describe step as a configuration declares it: {@code describe: {name: llm-describe, mode: missing,
 * minTextChars: 40, endpoint: {...}}}. {@code mode} and {@code minTextChars} belong to the step (how a description
 * joins the item's text); every other key but {@code name} is a parameter of the describer.
 *
 * @param component    the describer
 * @param mode         replace, append, or missing (the default)
 * @param minTextChars in {@code missing} mode, item text shorter than this counts as missing (default 1: only
 *                     absent or blank text)
 */
public record DescribeSpec(ComponentSpec component, DescriptionMode mode, int minTextChars) {

    /** Keys of a describe node that are not the describer's parameters. */
    public static final Set<String> RESERVED = Set.of("name", "mode", "minTextChars");

    /** Reads a describe node, adding every problem (with its path) to {@code problems}; {@code null} when bad. */
    static DescribeSpec read(JsonNode node, String path, List<ConfigProblem> problems) {
        List<ConfigProblem> found = new ArrayList<>();
        ComponentSpec component;
        try {
            component = ComponentSpec.read(node, path, ComponentKind.DESCRIBER);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return null;
        }
        if (component.composite()) {
            problems.add(new ConfigProblem(path, "a describer cannot be a composite stage"));
            return null;
        }
        DescriptionMode mode = DescriptionMode.MISSING;
        JsonNode m = component.params().get("mode");
        if (m != null) {
            try {
                if (!m.isTextual()) {
                    throw new IllegalArgumentException("expected replace, append or missing, got "
                            + ParamBinder.kind(m));
                }
                mode = DescriptionMode.parse(m.asText());
            } catch (IllegalArgumentException e) {
                found.add(new ConfigProblem(path + ".mode", e.getMessage()));
            }
        }
        int minTextChars = 1;
        JsonNode min = component.params().get("minTextChars");
        if (min != null) {
            if (!min.canConvertToInt() || !min.isIntegralNumber() || min.asInt() < 1) {
                found.add(new ConfigProblem(path + ".minTextChars", "expected a whole number of at least 1, got "
                        + (min.isNumber() ? min.asText() : ParamBinder.kind(min))));
            } else if (mode != DescriptionMode.MISSING) {
                found.add(new ConfigProblem(path + ".minTextChars", "applies only to mode missing (mode is "
                        + mode.key() + ")"));
            } else {
                minTextChars = min.asInt();
            }
        }
        problems.addAll(found);
        return found.isEmpty() ? new DescribeSpec(component, mode, minTextChars) : null;
    }
}
