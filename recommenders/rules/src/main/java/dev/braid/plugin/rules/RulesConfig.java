package dev.braid.plugin.rules;

import dev.braid.api.component.Param;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration of the {@code rules} generator. Syntax and examples: {@code docs/rules.md}.
 *
 * @param excludeSeen  drop the items the user interacted with in training
 * @param include      attribute to accepted values: an item is kept only if, for every listed attribute, it has at
 *                     least one of the values
 * @param exclude      attribute to rejected values: an item having any of them is dropped
 * @param boosts       score adjustments for items with an attribute value or an id, optionally conditional
 * @param filters      conditional (or id-based) filters
 * @param availability availability filter (flag attribute and/or date window); none when omitted
 * @param recency      recency boosts (item date attribute or latest interaction time)
 * @param popularity   popularity boost; none when omitted
 * @param pins         items at fixed positions (list-level)
 * @param diversity    at most N per attribute value in the top of the list (list-level)
 * @param candidates   list-level rules see this many candidates per requested item (at least k + pins)
 */
public record RulesConfig(
        @Param(description = "never recommend items the user interacted with in training", defaultValue = "true")
        boolean excludeSeen,
        @Param(description = "attribute -> accepted values; items lacking all of them are filtered, "
                + "e.g. {availability: [eu, world]}", defaultValue = "{}") Map<String, List<String>> include,
        @Param(description = "attribute -> rejected values; items having any of them are filtered, "
                + "e.g. {genre: [Horror]}", defaultValue = "{}") Map<String, List<String>> exclude,
        @Param(description = "list of {attribute, value | items, weight, when, name}: adds weight to matching "
                + "items' scores", defaultValue = "[]") List<Boost> boosts,
        @Param(description = "list of {attribute, values | items, when, name}: drops matching items",
                defaultValue = "[]") List<Filter> filters,
        @Param(description = "{attribute, unavailable, from, until, now}: drops unavailable items",
                defaultValue = "{}") Availability availability,
        @Param(description = "list of {source: attribute|interactions, attribute, halfLifeDays, weight}",
                defaultValue = "[]") List<RecencyBoost> recency,
        @Param(description = "{weight}: log-scaled boost by training popularity", defaultValue = "{weight: 0}")
        PopularityBoost popularity,
        @Param(description = "list of {item, position, when, name}: pins items at 1-based positions",
                defaultValue = "[]") List<Pin> pins,
        @Param(description = "list of {attribute, max, top}: at most max items per value in the top",
                defaultValue = "[]") List<Diversity> diversity,
        @Param(description = "candidates per requested item that list-level rules (pins, diversity) see",
                defaultValue = "4", min = 1) int candidates) {

    public RulesConfig {
        include = copy(include);
        exclude = copy(exclude);
        boosts = boosts == null ? List.of() : List.copyOf(boosts);
        filters = filters == null ? List.of() : List.copyOf(filters);
        // The default {} (nothing declared) means no availability rule.
        if (availability != null && !availability.hasFlag() && !availability.hasWindow()
                && (availability.now() == null || availability.now().isBlank())) {
            availability = null;
        }
        recency = recency == null ? List.of() : List.copyOf(recency);
        popularity = popularity == null ? new PopularityBoost(0.0) : popularity;
        pins = pins == null ? List.of() : List.copyOf(pins);
        diversity = diversity == null ? List.of() : List.copyOf(diversity);
        candidates = Math.max(1, candidates);
    }

    /** Score-level rules only (the 1.0 configuration). */
    public RulesConfig(boolean excludeSeen, Map<String, List<String>> include, Map<String, List<String>> exclude,
                       List<Boost> boosts) {
        this(excludeSeen, include, exclude, boosts, List.of(), null, List.of(), null, List.of(), List.of(), 4);
    }

    /** The defaults: exclude seen items, nothing else. */
    public static RulesConfig defaults() {
        return new RulesConfig(true, Map.of(), Map.of(), List.of());
    }

    /**
     * Builds a configuration in code (tests, embedding); starts from {@link #defaults()}. The candidate count keeps its
     * default.
     */
    public static final class Builder {
        private boolean excludeSeen = true;
        private Map<String, List<String>> include = Map.of();
        private Map<String, List<String>> exclude = Map.of();
        private final List<Boost> boosts = new java.util.ArrayList<>();
        private final List<Filter> filters = new java.util.ArrayList<>();
        private Availability availability;
        private final List<RecencyBoost> recency = new java.util.ArrayList<>();
        private PopularityBoost popularity;
        private final List<Pin> pins = new java.util.ArrayList<>();
        private final List<Diversity> diversity = new java.util.ArrayList<>();

        public Builder excludeSeen(boolean v) {
            excludeSeen = v;
            return this;
        }

        public Builder include(Map<String, List<String>> v) {
            include = v;
            return this;
        }

        public Builder exclude(Map<String, List<String>> v) {
            exclude = v;
            return this;
        }

        public Builder boost(Boost v) {
            return add(boosts, v);
        }

        public Builder filter(Filter v) {
            return add(filters, v);
        }

        public Builder availability(Availability v) {
            availability = v;
            return this;
        }

        public Builder recency(RecencyBoost v) {
            return add(recency, v);
        }

        public Builder popularity(PopularityBoost v) {
            popularity = v;
            return this;
        }

        public Builder pin(Pin v) {
            return add(pins, v);
        }

        public Builder diversity(Diversity v) {
            return add(diversity, v);
        }

        private <T> Builder add(List<T> rules, T rule) {
            rules.add(rule);
            return this;
        }

        public RulesConfig build() {
            return new RulesConfig(excludeSeen, include, exclude, boosts, filters, availability, recency, popularity,
                    pins, diversity, 4);
        }
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
