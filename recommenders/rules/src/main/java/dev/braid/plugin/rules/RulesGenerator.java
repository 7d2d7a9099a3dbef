package dev.braid.plugin.rules;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.generator.FitState;
import dev.braid.api.generator.Generator;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.Reranker;
import dev.braid.api.generator.ScoredItem;
import dev.braid.api.generator.Scores;
import dev.braid.api.generator.TrainingData;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Business rules as a generator. Score-level rules run in {@link #score}: filters set a score to
 * {@link Float#NEGATIVE_INFINITY}, boosts add to it, so the rules work alone (on zeros) or after a model-based
 * generator. List-level rules (pins, diversity) run in {@link #rerank} on the ranked candidates of the whole
 * chain. Any filter, boost or pin may be conditional ({@code when}: the user's history, request parameters).
 *
 * <p>Rules and the names {@link #explain} and {@link #rerank} report:
 * <ul>
 *   <li>{@code excludeSeen}: items the user interacted with in training (unknown users: none);</li>
 *   <li>{@code include.<attribute>}: items having none of the accepted values of the attribute;</li>
 *   <li>{@code exclude.<attribute>}: items having any of the rejected values;</li>
 *   <li>{@code filter.<attribute>} / {@code filter.items} (or the rule's {@code name}): declared filters;</li>
 *   <li>{@code availability.flag}, {@code availability.window}: unavailable items;</li>
 *   <li>{@code query.exclude}: the item ids in {@link Query#exclude()};</li>
 *   <li>{@code query.exclude.<attribute>}: request parameter {@code exclude.<attribute>=v1,v2} (comma-separated
 *       values), same meaning as {@code exclude.<attribute>};</li>
 *   <li>{@code boost.<attribute>=<value>} / {@code boost.items}: adds the boost's weight to matching items;</li>
 *   <li>{@code recency.<attribute>} / {@code recency.interactions}, {@code popularity}: graded boosts;</li>
 *   <li>{@code pin.<item>@<position>}, {@code diversity.<attribute><=<max>}: list-level rules.</li>
 * </ul>
 * Conditional rules carry {@code [when ...]} in their generated names. Attribute values match exactly
 * (case-sensitive). Filters leave excluded items at negative infinity, so boosts never bring them back, and pins
 * skip items any stage of the chain filtered.
 */
@BraidComponent(name = "rules", config = RulesConfig.class,
        description = "filters (seen, attribute, availability, conditional), boosts (attribute, recency, "
                + "popularity), pins and diversity constraints")
public final class RulesGenerator implements Generator, Reranker {
    /** Request parameters with this prefix exclude items by attribute. */
    public static final String EXCLUDE_PARAM_PREFIX = "exclude.";
    /** Request parameter with the reference date of the availability window. */
    public static final String NOW_PARAM = "now";

    private final RulesConfig config;
    private final List<AttributeRule> includes;
    private final List<AttributeRule> excludes;
    private final FitState<Fitted> fitted = new FitState<>("rules");

    /** @throws IllegalArgumentException naming the parameter when a rule is incomplete */
    public RulesGenerator(RulesConfig config) {
        this.config = config;
        this.includes = rules("include", config.include());
        this.excludes = rules("exclude", config.exclude());
        RuleChecks.check(config);
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
        InteractionMatrix m = data.interactions();
        List<Mask> filters = new ArrayList<>();
        for (AttributeRule r : includes) {
            filters.add(new Mask(r.name(), select(catalog, item -> !r.matches(item)), 0f, CompiledCondition.ALWAYS));
        }
        for (AttributeRule r : excludes) {
            filters.add(new Mask(r.name(), select(catalog, r::matches), 0f, CompiledCondition.ALWAYS));
        }
        for (Filter f : config.filters()) {
            Set<String> values = Set.copyOf(f.values());
            Set<String> ids = Set.copyOf(f.items());
            String attribute = f.attribute();
            filters.add(new Mask(f.ruleName(), select(catalog, item -> ids.contains(item.id())
                    || (attribute != null && !attribute.isBlank()
                    && item.values(attribute).stream().anyMatch(values::contains))), 0f,
                    CompiledCondition.of(f.when(), catalog)));
        }
        List<Mask> boostMasks = new ArrayList<>();
        for (Boost b : config.boosts()) {
            Set<String> ids = Set.copyOf(b.items());
            boolean byAttribute = b.attribute() != null && !b.attribute().isBlank();
            boostMasks.add(new Mask(b.ruleName(), select(catalog, item -> ids.contains(item.id())
                    || (byAttribute && item.values(b.attribute()).contains(b.value()))),
                    (float) (double) b.weight(), CompiledCondition.of(b.when(), catalog)));
        }
        List<Graded> graded = new ArrayList<>();
        for (RecencyBoost r : config.recency()) {
            graded.add(new Graded(r.ruleName(), recency(r, catalog, m)));
        }
        if (config.popularity().weight() != 0) {
            graded.add(new Graded("popularity", popularity(config.popularity().weight(), m)));
        }
        List<CompiledPin> pins = new ArrayList<>();
        for (int i = 0; i < config.pins().size(); i++) {
            Pin p = config.pins().get(i);
            int index = catalog.indexOf(p.item());
            if (index < 0) {
                throw new IllegalArgumentException("pins[" + i + "].item: '" + p.item() + "' is not in the catalog");
            }
            pins.add(new CompiledPin(p, index, CompiledCondition.of(p.when(), catalog)));
        }
        fitted.set(new Fitted(catalog, m, List.copyOf(filters), availability(catalog), List.copyOf(boostMasks),
                List.copyOf(graded), List.copyOf(pins)));
    }

    /** Per-item recency boosts, relative to the newest date of the source. */
    private static float[] recency(RecencyBoost r, Catalog catalog, InteractionMatrix m) {
        double[] days = new double[catalog.size()];
        Arrays.fill(days, Double.NaN);
        if (r.fromInteractions()) {
            for (int u = 0; u < m.numUsers(); u++) {
                for (int j = 0; j < m.degree(u); j++) {
                    long t = m.timestamp(u, j);
                    int i = m.item(u, j);
                    if (t != Interaction.NO_TIMESTAMP && (Double.isNaN(days[i]) || t / 86400.0 > days[i])) {
                        days[i] = t / 86400.0;
                    }
                }
            }
        } else {
            for (int i = 0; i < catalog.size(); i++) {
                for (String v : catalog.item(i).values(r.attribute())) {
                    OptionalDouble d = Dates.epochDays(v);
                    if (d.isPresent() && (Double.isNaN(days[i]) || d.getAsDouble() > days[i])) {
                        days[i] = d.getAsDouble();
                    }
                }
            }
        }
        double newest = Arrays.stream(days).filter(d -> !Double.isNaN(d)).max().orElse(Double.NaN);
        float[] out = new float[catalog.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.isNaN(days[i]) ? 0f
                    : (float) (r.weight() * Math.pow(0.5, (newest - days[i]) / r.halfLifeDays()));
        }
        return out;
    }

    private static float[] popularity(double weight, InteractionMatrix m) {
        int[] counts = m.itemDegrees();
        int max = Arrays.stream(counts).max().orElse(0);
        float[] out = new float[counts.length];
        for (int i = 0; i < out.length && max > 0; i++) {
            out[i] = (float) (weight * Math.log1p(counts[i]) / Math.log1p(max));
        }
        return out;
    }

    private CompiledAvailability availability(Catalog catalog) {
        Availability a = config.availability();
        if (a == null) {
            return null;
        }
        BitSet flagged = new BitSet();
        if (a.hasFlag()) {
            Set<String> bad = Set.copyOf(a.unavailable());
            flagged = select(catalog, item -> item.values(a.attribute()).stream().anyMatch(bad::contains));
        }
        double[] from = dates(catalog, a.from());
        double[] until = dates(catalog, a.until());
        double now = a.now() == null || a.now().isBlank() ? Double.NaN : Dates.require(a.now(), "availability.now");
        return new CompiledAvailability(flagged, from, until, now);
    }

    private static double[] dates(Catalog catalog, String attribute) {
        if (attribute == null || attribute.isBlank()) {
            return null;
        }
        double[] d = new double[catalog.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = catalog.item(i).attribute(attribute).map(Dates::epochDays).filter(OptionalDouble::isPresent)
                    .map(OptionalDouble::getAsDouble).orElse(Double.NaN);
        }
        return d;
    }

    @Override
    public void score(Query query, float[] scores) {
        Fitted f = fitted.get();
        Scores.requireSlots("rules", scores, f.catalog().size());
        int user = seenRow(f, query);
        if (user >= 0) {
            InteractionMatrix m = f.interactions();
            for (int j = 0; j < m.degree(user); j++) {
                scores[m.item(user, j)] = Float.NEGATIVE_INFINITY;
            }
        }
        for (Mask filter : f.filters()) {
            if (filter.when().holds(query, f.catalog(), f.interactions())) {
                filter.items().stream().forEach(i -> scores[i] = Float.NEGATIVE_INFINITY);
            }
        }
        CompiledAvailability a = f.availability();
        if (a != null) {
            double now = now(query, a);
            for (int i = 0; i < scores.length; i++) {
                if (a.flagged().get(i) || a.outside(i, now)) {
                    scores[i] = Float.NEGATIVE_INFINITY;
                }
            }
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
        // Adding to negative infinity keeps it there, so filtered items stay filtered.
        for (Mask boost : f.boosts()) {
            if (boost.when().holds(query, f.catalog(), f.interactions())) {
                boost.items().stream().forEach(i -> scores[i] += boost.weight());
            }
        }
        for (Graded g : f.graded()) {
            for (int i = 0; i < scores.length; i++) {
                scores[i] += g.boost()[i];
            }
        }
    }

    @Override
    public List<String> explain(Query query, int item) {
        Fitted f = fitted.get();
        List<String> reasons = new ArrayList<>();
        int user = seenRow(f, query);
        if (user >= 0 && f.interactions().contains(user, item)) {
            reasons.add("excludeSeen");
        }
        for (Mask filter : f.filters()) {
            if (filter.items().get(item) && filter.when().holds(query, f.catalog(), f.interactions())) {
                reasons.add(filter.name());
            }
        }
        CompiledAvailability a = f.availability();
        if (a != null && a.flagged().get(item)) {
            reasons.add("availability.flag");
        }
        if (a != null && a.outside(item, now(query, a))) {
            reasons.add("availability.window");
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
            if (boost.items().get(item) && boost.when().holds(query, f.catalog(), f.interactions())) {
                reasons.add(boost.name());
            }
        }
        for (Graded g : f.graded()) {
            if (Math.abs(g.boost()[item]) >= 5e-4f) {
                reasons.add(String.format(Locale.ROOT, "%s%+.3f", g.name(), g.boost()[item]));
            }
        }
        return List.copyOf(reasons);
    }

    @Override
    public int candidates(int k) {
        return config.pins().isEmpty() && config.diversity().isEmpty() ? k
                : (int) Math.min(Integer.MAX_VALUE, (long) k * config.candidates() + config.pins().size());
    }

    /** Applies the diversity constraints in order, then the pins whose condition holds. */
    @Override
    public List<ScoredItem> rerank(Query query, List<ScoredItem> candidates, float[] scores, int k) {
        Fitted f = fitted.get();
        List<ScoredItem> list = candidates;
        for (Diversity d : config.diversity()) {
            list = ListRules.diversify(list, d, d.top() > 0 ? d.top() : k, f.catalog());
        }
        List<ListRules.Placement> placements = new ArrayList<>();
        for (CompiledPin p : f.pins()) {
            if (scores[p.index()] != Float.NEGATIVE_INFINITY
                    && p.when().holds(query, f.catalog(), f.interactions())) {
                placements.add(new ListRules.Placement(new ScoredItem(p.pin().item(), scores[p.index()], List.of()),
                        p.pin().position(), p.pin().ruleName()));
            }
        }
        if (!placements.isEmpty()) {
            list = ListRules.pin(list, placements);
        }
        return list.size() > k ? List.copyOf(list.subList(0, k)) : List.copyOf(list);
    }

    private double now(Query query, CompiledAvailability a) {
        String p = query.params().get(NOW_PARAM);
        if (p != null) {
            return Dates.require(p, "request parameter " + NOW_PARAM);
        }
        return Double.isNaN(a.now()) ? LocalDate.now(java.time.ZoneOffset.UTC).toEpochDay() : a.now();
    }

    private int seenRow(Fitted f, Query query) {
        return !config.excludeSeen() || query.user() == null ? -1 : f.interactions().userIndex(query.user());
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

    /** A named set of catalog items (filtered, or boosted by {@code weight}) and when it applies. */
    private record Mask(String name, BitSet items, float weight, CompiledCondition when) {
    }

    /** A per-item boost (recency, popularity). */
    private record Graded(String name, float[] boost) {
    }

    /** A pin resolved to its catalog index. */
    private record CompiledPin(Pin pin, int index, CompiledCondition when) {
    }

    /** The availability rule over the catalog; date arrays are null when not configured, NaN where missing. */
    private record CompiledAvailability(BitSet flagged, double[] from, double[] until, double now) {
        boolean outside(int item, double today) {
            return (from != null && from[item] > today) || (until != null && until[item] < today);
        }
    }

    /** What fit prepared; never modified afterwards. */
    private record Fitted(Catalog catalog, InteractionMatrix interactions, List<Mask> filters,
                          CompiledAvailability availability, List<Mask> boosts, List<Graded> graded,
                          List<CompiledPin> pins) {
    }
}
