package dev.braid.plugin.rules;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.generator.Generator;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Business rules as a generator: filters set a score to {@link Float#NEGATIVE_INFINITY}, boosts add to it, so the
 * rules work alone (on zeros) or after a model-based generator.
 *
 * <p>Rules and the names {@link #explain} reports:
 * <ul>
 *   <li>{@code excludeSeen}: items the user interacted with in training (unknown users: none);</li>
 *   <li>{@code include.<attribute>}: items having none of the accepted values of the attribute;</li>
 *   <li>{@code exclude.<attribute>}: items having any of the rejected values;</li>
 *   <li>{@code query.exclude}: the item ids in {@link Query#exclude()};</li>
 *   <li>{@code query.exclude.<attribute>}: request parameter {@code exclude.<attribute>=v1,v2} (comma-separated
 *       values), same meaning as {@code exclude.<attribute>};</li>
 *   <li>{@code boost.<attribute>=<value>}: adds the boost's weight to matching items.</li>
 * </ul>
 * Attribute values match exactly (case-sensitive). Filters leave excluded items at negative infinity, so boosts
 * never bring them back.
 */
@BraidComponent(name = "rules", config = RulesConfig.class,
        description = "filters (seen items, attribute include/exclude, request excludes) and attribute boosts")
public final class RulesGenerator implements Generator {
    /** Request parameters with this prefix exclude items by attribute. */
    public static final String EXCLUDE_PARAM_PREFIX = "exclude.";

    private final boolean excludeSeen;
    private final List<AttributeRule> includes;
    private final List<AttributeRule> excludes;
    private final List<Boost> boosts;
    private volatile Fitted fitted;

    /** @throws IllegalArgumentException naming the parameter when a rule is incomplete */
    public RulesGenerator(RulesConfig config) {
        this.excludeSeen = config.excludeSeen();
        this.includes = rules("include", config.include());
        this.excludes = rules("exclude", config.exclude());
        for (int i = 0; i < config.boosts().size(); i++) {
            Boost b = config.boosts().get(i);
            String p = "boosts[" + i + "]";
            if (b == null) {
                throw new IllegalArgumentException(p + ": expected {attribute, value, weight}");
            }
            if (b.attribute() == null || b.attribute().isBlank()) {
                throw new IllegalArgumentException(p + ".attribute: must name an item attribute");
            }
            if (b.value() == null) {
                throw new IllegalArgumentException(p + ".value: missing (the attribute value to match)");
            }
            if (!Double.isFinite(b.weight())) {
                throw new IllegalArgumentException(p + ".weight: must be a finite number, got " + b.weight());
            }
        }
        this.boosts = config.boosts();
    }

    private static List<AttributeRule> rules(String param, Map<String, List<String>> spec) {
        List<AttributeRule> out = new ArrayList<>();
        spec.forEach((attribute, values) -> {
            if (attribute == null || attribute.isBlank()) {
                throw new IllegalArgumentException(param + ": attribute names must not be blank");
            }
            if (values == null || values.isEmpty()) {
                throw new IllegalArgumentException(param + "." + attribute + ": list at least one value");
            }
            if (values.stream().anyMatch(v -> v == null)) {
                throw new IllegalArgumentException(param + "." + attribute + ": values must not be null");
            }
            out.add(new AttributeRule(param + "." + attribute, attribute, Set.copyOf(values)));
        });
        return List.copyOf(out);
    }

    @Override
    public void fit(TrainingData data, ProgressListener progress) {
        Catalog catalog = data.catalog();
        List<Mask> filters = new ArrayList<>();
        for (AttributeRule r : includes) {
            filters.add(new Mask(r.name(), select(catalog, item -> !r.matches(item)), 0f));
        }
        for (AttributeRule r : excludes) {
            filters.add(new Mask(r.name(), select(catalog, r::matches), 0f));
        }
        List<Mask> boostMasks = new ArrayList<>();
        for (Boost b : boosts) {
            boostMasks.add(new Mask(b.ruleName(), select(catalog, item -> item.values(b.attribute()).contains(b.value())),
                    (float) (double) b.weight()));
        }
        fitted = new Fitted(catalog, excludeSeen ? data.interactions() : null, List.copyOf(filters),
                List.copyOf(boostMasks));
    }

    @Override
    public void score(Query query, float[] scores) {
        Fitted f = requireFitted();
        if (scores.length != f.catalog().size()) {
            throw new IllegalArgumentException("rules: got " + scores.length + " score slots for a catalog of "
                    + f.catalog().size() + " items");
        }
        int user = seenRow(f, query);
        if (user >= 0) {
            InteractionMatrix m = f.seen();
            for (int j = 0; j < m.degree(user); j++) {
                scores[m.item(user, j)] = Float.NEGATIVE_INFINITY;
            }
        }
        for (Mask filter : f.filters()) {
            filter.items().stream().forEach(i -> scores[i] = Float.NEGATIVE_INFINITY);
        }
        for (String id : query.exclude()) {
            int i = f.catalog().indexOf(id);
            if (i >= 0) {
                scores[i] = Float.NEGATIVE_INFINITY;
            }
        }
        List<AttributeRule> requestRules = requestExcludes(query);
        if (!requestRules.isEmpty()) {
            for (int i = 0; i < scores.length; i++) {
                Item item = f.catalog().item(i);
                for (AttributeRule r : requestRules) {
                    if (r.matches(item)) {
                        scores[i] = Float.NEGATIVE_INFINITY;
                        break;
                    }
                }
            }
        }
        for (Mask boost : f.boosts()) {
            // Adding to negative infinity keeps it there, so filtered items stay filtered.
            boost.items().stream().forEach(i -> scores[i] += boost.weight());
        }
    }

    @Override
    public List<String> explain(Query query, int item) {
        Fitted f = requireFitted();
        List<String> reasons = new ArrayList<>();
        int user = seenRow(f, query);
        if (user >= 0 && f.seen().contains(user, item)) {
            reasons.add("excludeSeen");
        }
        for (Mask filter : f.filters()) {
            if (filter.items().get(item)) {
                reasons.add(filter.name());
            }
        }
        if (query.exclude().contains(f.catalog().item(item).id())) {
            reasons.add("query.exclude");
        }
        for (AttributeRule r : requestExcludes(query)) {
            if (r.matches(f.catalog().item(item))) {
                reasons.add(r.name());
            }
        }
        for (Mask boost : f.boosts()) {
            if (boost.items().get(item)) {
                reasons.add(boost.name());
            }
        }
        return List.copyOf(reasons);
    }

    private static int seenRow(Fitted f, Query query) {
        return f.seen() == null || query.user() == null ? -1 : f.seen().userIndex(query.user());
    }

    /** The {@code exclude.<attribute>=v1,v2} request parameters as rules named {@code query.exclude.<attribute>}. */
    private static List<AttributeRule> requestExcludes(Query query) {
        Map<String, AttributeRule> out = new LinkedHashMap<>();
        query.params().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (!e.getKey().startsWith(EXCLUDE_PARAM_PREFIX) || e.getValue() == null) {
                return;
            }
            String attribute = e.getKey().substring(EXCLUDE_PARAM_PREFIX.length());
            Set<String> values = Set.copyOf(Arrays.stream(e.getValue().split(",")).map(String::trim)
                    .filter(v -> !v.isEmpty()).toList());
            if (!attribute.isEmpty() && !values.isEmpty()) {
                out.put(attribute, new AttributeRule("query.exclude." + attribute, attribute, values));
            }
        });
        return List.copyOf(out.values());
    }

    private static BitSet select(Catalog catalog, Predicate<Item> p) {
        BitSet b = new BitSet(catalog.size());
        for (int i = 0; i < catalog.size(); i++) {
            if (p.test(catalog.item(i))) {
                b.set(i);
            }
        }
        return b;
    }

    private Fitted requireFitted() {
        Fitted f = fitted;
        if (f == null) {
            throw new IllegalStateException("rules generator is used before fit()");
        }
        return f;
    }

    /** A named set of catalog items (filtered, or boosted by {@code weight}); never modified after fit. */
    private record Mask(String name, BitSet items, float weight) {
    }

    /** What fit prepared; {@code seen} is null when {@code excludeSeen} is off. */
    private record Fitted(Catalog catalog, InteractionMatrix seen, List<Mask> filters, List<Mask> boosts) {
    }
}
