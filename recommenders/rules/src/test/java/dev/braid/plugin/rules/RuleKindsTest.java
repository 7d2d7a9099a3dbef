package dev.braid.plugin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemFeatures;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.ScoredItem;
import dev.braid.api.generator.TrainingData;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Every rule kind changes the ranking as declared: each test ranks the same model scores (i1 best .. i8 worst)
 * without and with one rule, through {@code score} and {@code rerank} as the runtime does, and checks the new
 * order and the rule names the recommendations carry.
 */
class RuleKindsTest {
    private static final float NEG = Float.NEGATIVE_INFINITY;
    private static final Catalog CATALOG = new Catalog(List.of(
            item("i1", "genre", "A", "year", "1990"),
            item("i2", "genre", "A", "year", "2020"),
            item("i3", "genre", "B", "year", "2000", "available", "false"),
            item("i4", "genre", "B", "year", "2015", "from", "2025-01-01"),
            item("i5", "genre", "C", "year", "2010", "until", "2020-12-31"),
            item("i6", "genre", "A", "year", "1995"),
            item("i7", "genre", "C", "year", "2005"),
            item("i8", "genre", "B", "year", "2022")));
    /** The model stage: i1 best, i8 worst. */
    private static final float[] MODEL = {8, 7, 6, 5, 4, 3, 2, 1};
    private static final long DAY = 86_400;

    private static Item item(String id, String... kv) {
        Map<String, List<String>> a = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            a.put(kv[i], List.of(kv[i + 1]));
        }
        return new Item(id, id, a, null);
    }

    /** alice saw i8 (genre B); bob saw i7 (genre C); i8 is the most popular, i7 was interacted with last. */
    private static final List<Interaction> HISTORY = List.of(
            new Interaction("alice", "i8", 5, 100 * DAY),
            new Interaction("bob", "i7", 5, 400 * DAY),
            new Interaction("carol", "i8", 5, 120 * DAY),
            new Interaction("dave", "i8", 5, 130 * DAY),
            new Interaction("dave", "i6", 5, 10 * DAY));

    private static RulesGenerator fitted(RulesConfig config) {
        RulesGenerator g = new RulesGenerator(config);
        g.fit(new TrainingData(CATALOG, ItemFeatures.none(), InteractionMatrix.of(CATALOG, HISTORY), 1),
                ProgressListener.NONE);
        return g;
    }

    /** What the runtime does: model scores, rules scores, top candidates with reasons, rerank, first k. */
    private static List<ScoredItem> recommend(RulesGenerator g, Query q, int k) {
        float[] s = MODEL.clone();
        g.score(q, s);
        List<ScoredItem> candidates = IntStream.range(0, s.length).boxed().filter(i -> s[i] != NEG)
                .sorted(Comparator.comparingDouble((Integer i) -> -s[i]).thenComparing(i -> i))
                .limit(g.candidates(k))
                .map(i -> new ScoredItem(CATALOG.item(i).id(), s[i], g.explain(q, i))).toList();
        List<ScoredItem> out = g.rerank(q, candidates, s, k);
        assertThat(out.size()).isLessThanOrEqualTo(k);
        return out;
    }

    private static List<String> ids(List<ScoredItem> items) {
        return items.stream().map(ScoredItem::itemId).toList();
    }

    private static List<String> top(RulesConfig config, Query q, int k) {
        return ids(recommend(fitted(config), q, k));
    }

    private static List<String> reasonsOf(List<ScoredItem> items, String id) {
        return items.stream().filter(s -> s.itemId().equals(id)).findFirst().orElseThrow().reasons();
    }

    private static RulesConfig.Builder rules() {
        return new RulesConfig.Builder();
    }

    private static final Query ANON = new Query(null, null, Set.of(), Map.of("now", "2022-06-01"));

    @Test
    void withoutRulesTheModelOrderStands() {
        assertThat(top(rules().excludeSeen(false).build(), ANON, 8))
                .containsExactly("i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8");
    }

    @Test
    void excludeSeenDropsTheUsersItems() {
        assertThat(top(rules().build(), Query.forUser("alice"), 8)).doesNotContain("i8").hasSize(7);
        assertThat(top(rules().excludeSeen(false).build(), Query.forUser("alice"), 8)).contains("i8");
    }

    @Test
    void attributeFiltersDropAndKeep() {
        assertThat(top(rules().exclude(Map.of("genre", List.of("A"))).build(), ANON, 8))
                .containsExactly("i3", "i4", "i5", "i7", "i8");
        assertThat(top(rules().include(Map.of("genre", List.of("C"))).build(), ANON, 8))
                .containsExactly("i5", "i7");
        assertThat(top(rules().filter(new Filter(null, null, null, List.of("i1", "i2"), null)).build(), ANON, 3))
                .containsExactly("i3", "i4", "i5");
    }

    @Test
    void availabilityFlagAndWindowDropUnavailableItems() {
        Availability a = new Availability("available", null, "from", "until", null);
        // At 2022-06-01: i3 is flagged, i4 starts in 2025; i5 ended in 2020.
        assertThat(top(rules().availability(a).build(), ANON, 8)).containsExactly("i1", "i2", "i6", "i7", "i8");
        // At 2019-01-01 i5 is still available; in 2026 i4 has become available.
        assertThat(top(rules().availability(a).build(), new Query(null, null, Set.of(), Map.of("now", "2019-01-01")),
                8)).containsExactly("i1", "i2", "i5", "i6", "i7", "i8");
        assertThat(top(rules().availability(new Availability(null, null, "from", null, "2026-01-01")).build(),
                Query.forUser("x"), 8)).contains("i4");
        RulesGenerator g = fitted(rules().availability(a).build());
        assertThat(g.explain(ANON, 2)).contains("availability.flag");
        assertThat(g.explain(ANON, 3)).contains("availability.window");
    }

    @Test
    void attributeBoostLiftsMatchingItems() {
        List<ScoredItem> out = recommend(fitted(rules().boost(new Boost("genre", "C", 10.0)).build()), ANON, 3);
        assertThat(ids(out)).containsExactly("i5", "i7", "i1");
        assertThat(reasonsOf(out, "i5")).containsExactly("boost.genre=C");
        assertThat(reasonsOf(out, "i1")).isEmpty();
        // A negative weight demotes.
        assertThat(top(rules().boost(new Boost("genre", "A", -10.0)).build(), ANON, 8))
                .endsWith("i1", "i2", "i6");
    }

    @Test
    void recencyBoostByDateAttributeFavoursNewItems() {
        RecencyBoost r = new RecencyBoost("attribute", "year", 365.0, 10.0);
        List<ScoredItem> out = recommend(fitted(rules().recency(r).build()), ANON, 3);
        // i8 (2022) gets +10, i2 (2020) +2.5: both pass i1 (8, from 1990).
        assertThat(ids(out)).containsExactly("i8", "i2", "i1");
        assertThat(reasonsOf(out, "i8")).containsExactly("recency.year+10.000");
    }

    @Test
    void recencyBoostByInteractionTimeFavoursRecentlyUsedItems() {
        RecencyBoost r = new RecencyBoost("interactions", null, 30.0, 10.0);
        // i7's latest interaction is the newest (+10); i8's is 270 days older (~0); items without any get 0.
        assertThat(top(rules().excludeSeen(false).recency(r).build(), ANON, 2)).containsExactly("i7", "i1");
    }

    @Test
    void popularityBoostFavoursPopularItems() {
        List<ScoredItem> out = recommend(fitted(rules().excludeSeen(false)
                .popularity(new PopularityBoost(12.0)).build()), ANON, 3);
        // i8: 3 users (+12); i6 and i7: 1 user (+6) each, which lifts i6 (3) above i1 (8) but leaves i7 (2) tied.
        assertThat(ids(out)).containsExactly("i8", "i6", "i1");
        assertThat(reasonsOf(out, "i8")).containsExactly("popularity+12.000");
    }

    @Test
    void pinPutsAnItemAtItsPositionForEveryone() {
        List<ScoredItem> out = recommend(fitted(rules().pin(new Pin("i7", 2, null, null)).build()), ANON, 4);
        assertThat(ids(out)).containsExactly("i1", "i7", "i2", "i3");
        assertThat(reasonsOf(out, "i7")).containsExactly("pin.i7@2");
        // Pinned from outside the candidates, and first.
        assertThat(top(rules().pin(new Pin("i8", 1, null, "promo")).build(), ANON, 2)).containsExactly("i8", "i1");
        // Two pins keep their positions.
        assertThat(top(rules().pin(new Pin("i6", 3, null, null)).pin(new Pin("i7", 1, null, null)).build(),
                ANON, 4)).containsExactly("i7", "i1", "i6", "i2");
    }

    @Test
    void pinNeverResurrectsAFilteredItem() {
        // alice saw i8: excludeSeen wins over the pin.
        assertThat(top(rules().pin(new Pin("i8", 1, null, null)).build(), Query.forUser("alice"), 2))
                .containsExactly("i1", "i2");
    }

    @Test
    void conditionalRulesApplyOnlyToUsersWhoseHistoryMatches() {
        // "Users who watched i8 get i5 pinned first, i1 filtered and genre C boosted."
        Condition sawI8 = Condition.historyContains("i8");
        RulesConfig c = rules()
                .pin(new Pin("i5", 1, sawI8, null))
                .filter(new Filter(null, null, null, List.of("i1"), sawI8))
                .boost(new Boost("genre", "C", 10.0, List.of(), sawI8, null)).build();
        List<ScoredItem> alice = recommend(fitted(c), Query.forUser("alice"), 3);
        assertThat(ids(alice)).containsExactly("i5", "i7", "i2");
        assertThat(reasonsOf(alice, "i5")).containsExactly("boost.genre=C[when history:i8]",
                "pin.i5@1[when history:i8]");
        assertThat(top(c, Query.forUser("bob"), 3)).containsExactly("i1", "i2", "i3");
        assertThat(top(c, ANON, 3)).containsExactly("i1", "i2", "i3");
    }

    @Test
    void conditionsOnHistoryAttributesAndRequestParameters() {
        // Users who watched any genre-C item (bob) get genre A demoted.
        Condition likesC = new Condition(null, Map.of("genre", List.of("C")), null);
        RulesConfig c = rules().boost(new Boost("genre", "A", -10.0, List.of(), likesC, null)).build();
        assertThat(top(c, Query.forUser("bob"), 3)).containsExactly("i3", "i4", "i5");
        assertThat(top(c, Query.forUser("alice"), 3)).containsExactly("i1", "i2", "i3");
        // Requests with region=eu get i4 and i5 boosted by id.
        Condition eu = new Condition(null, null, Map.of("region", "eu"));
        RulesConfig r = rules().boost(new Boost(null, null, 10.0, List.of("i4", "i5"), eu, "eu-promo")).build();
        List<ScoredItem> out = recommend(fitted(r), new Query("x", null, Set.of(), Map.of("region", "eu")), 2);
        assertThat(ids(out)).containsExactly("i4", "i5");
        assertThat(reasonsOf(out, "i4")).containsExactly("eu-promo");
        assertThat(top(r, new Query("x", null, Set.of(), Map.of("region", "us")), 2)).containsExactly("i1", "i2");
    }

    @Test
    void diversityCapsItemsPerValueInTheTop() {
        // Model top 4: A, A, B, B. At most one per genre: A, B, C, then the others.
        List<ScoredItem> out = recommend(fitted(rules().diversity(new Diversity("genre", 1, 0)).build()), ANON, 4);
        assertThat(ids(out)).containsExactly("i1", "i3", "i5", "i2");
        assertThat(reasonsOf(out, "i2")).containsExactly("diversity.genre<=1");
        assertThat(reasonsOf(out, "i1")).isEmpty();
        // At most two per genre in the top 4.
        assertThat(top(rules().diversity(new Diversity("genre", 2, 4)).build(), ANON, 4))
                .containsExactly("i1", "i2", "i3", "i4");
        assertThat(top(rules().diversity(new Diversity("genre", 2, 0)).build(), ANON, 6))
                .containsExactly("i1", "i2", "i3", "i4", "i5", "i7");
    }

    @Test
    void listRulesAskForMoreCandidatesOnlyWhenPresent() {
        assertThat(fitted(rules().build()).candidates(10)).isEqualTo(10);
        assertThat(fitted(rules().diversity(new Diversity("genre", 1, 0)).build()).candidates(10)).isEqualTo(40);
    }

    @Test
    void incompleteRulesAreRejectedWithTheirPath() {
        assertThatThrownBy(() -> new RulesGenerator(rules().pin(new Pin(" ", 1, null, null)).build()))
                .hasMessageContaining("pins[0].item");
        assertThatThrownBy(() -> new RulesGenerator(rules().pin(new Pin("i1", 0, null, null)).build()))
                .hasMessageContaining("pins[0].position");
        assertThatThrownBy(() -> fitted(rules().pin(new Pin("nope", 1, null, null)).build()))
                .hasMessageContaining("pins[0].item: 'nope'");
        assertThatThrownBy(() -> new RulesGenerator(rules().diversity(new Diversity("genre", 0, 0)).build()))
                .hasMessageContaining("diversity[0].max");
        assertThatThrownBy(() -> new RulesGenerator(rules().recency(new RecencyBoost("clicks", "x", 1.0, 1.0))
                .build())).hasMessageContaining("recency[0].source");
        assertThatThrownBy(() -> new RulesGenerator(rules().recency(new RecencyBoost(null, null, 1.0, 1.0))
                .build())).hasMessageContaining("recency[0].attribute");
        assertThatThrownBy(() -> new RulesGenerator(rules().availability(
                new Availability(null, null, null, null, "2024-01-01")).build())).hasMessageContaining("availability");
        // An empty availability map (the default) declares no rule.
        assertThat(rules().availability(new Availability(null, null, null, null, null)).build().availability())
                .isNull();
        assertThatThrownBy(() -> new RulesGenerator(rules().availability(
                new Availability("available", null, null, null, "soon")).build()))
                .hasMessageContaining("availability.now");
        assertThatThrownBy(() -> new RulesGenerator(rules().filter(new Filter(null, "genre", null, null, null))
                .build())).hasMessageContaining("filters[0]");
    }

}
