package dev.braid.plugin.rules;

import dev.braid.api.component.Param;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration of the {@code rules} generator.
 *
 * @param excludeSeen drop the items the user interacted with in training
 * @param include     attribute to accepted values: an item is kept only if, for every listed attribute, it has at
 *                    least one of the values
 * @param exclude     attribute to rejected values: an item having any of them is dropped
 * @param boosts      score adjustments for items with an attribute value
 */
public record RulesConfig(
        @Param(description = "never recommend items the user interacted with in training", defaultValue = "true")
        boolean excludeSeen,
        @Param(description = "attribute -> accepted values; items lacking all of them are filtered, "
                + "e.g. {availability: [eu, world]}", defaultValue = "{}") Map<String, List<String>> include,
        @Param(description = "attribute -> rejected values; items having any of them are filtered, "
                + "e.g. {genre: [Horror]}", defaultValue = "{}") Map<String, List<String>> exclude,
        @Param(description = "list of {attribute, value, weight}: adds weight to matching items' scores",
                defaultValue = "[]") List<Boost> boosts) {

    public RulesConfig {
        include = copy(include);
        exclude = copy(exclude);
        boosts = boosts == null ? List.of() : List.copyOf(boosts);
    }

    /** The defaults: exclude seen items, nothing else. */
    public static RulesConfig defaults() {
        return new RulesConfig(true, Map.of(), Map.of(), List.of());
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> m) {
        if (m == null) {
            return Map.of();
        }
        // Keeps declaration order (explanations list rules in it); null lists are reported by the generator.
        LinkedHashMap<String, List<String>> c = new LinkedHashMap<>();
        m.forEach((k, v) -> c.put(k, v == null ? null : java.util.Collections.unmodifiableList(
                new java.util.ArrayList<>(v))));
        return java.util.Collections.unmodifiableMap(c);
    }
}
