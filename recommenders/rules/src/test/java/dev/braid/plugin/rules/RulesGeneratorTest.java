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
import dev.braid.api.generator.TrainingData;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RulesGeneratorTest {
    private static final float NEG = Float.NEGATIVE_INFINITY;
    private static final Catalog CATALOG = new Catalog(List.of(
            item("m1", Map.of("genre", List.of("Comedy"), "region", List.of("eu"))),
            item("m2", Map.of("genre", List.of("Horror"), "region", List.of("us"))),
            item("m3", Map.of("genre", List.of("Comedy", "Drama"), "region", List.of("eu", "us"))),
            item("m4", Map.of("genre", List.of("Drama")))));

    private static Item item(String id, Map<String, List<String>> attributes) {
        return new Item(id, id, attributes, null);
    }

    private static RulesGenerator fitted(RulesConfig config) {
        RulesGenerator g = new RulesGenerator(config);
        InteractionMatrix m = InteractionMatrix.of(CATALOG, List.of(Interaction.implicit("alice", "m1")));
        g.fit(new TrainingData(CATALOG, ItemFeatures.none(), m, 1), ProgressListener.NONE);
        return g;
    }

    private static float[] score(RulesGenerator g, Query q, float... incoming) {
        float[] s = incoming.length == 0 ? new float[CATALOG.size()] : incoming.clone();
        g.score(q, s);
        return s;
    }

    /** Item ids best first, leaving out filtered ones (ties by catalog order). */
    private static List<String> ranking(float[] s) {
        return IntStream.range(0, s.length).boxed().filter(i -> s[i] != NEG)
                .sorted(Comparator.comparingDouble((Integer i) -> -s[i]).thenComparing(i -> i))
                .map(i -> CATALOG.item(i).id()).toList();
    }

    private static RulesConfig only(boolean excludeSeen, Map<String, List<String>> include,
                                    Map<String, List<String>> exclude, List<Boost> boosts) {
        return new RulesConfig(excludeSeen, include, exclude, boosts);
    }

    @Test
    void excludeSeenDropsTrainingItemsOfKnownUsersOnly() {
        RulesGenerator g = fitted(RulesConfig.defaults());

        assertThat(score(g, Query.forUser("alice"))).containsExactly(NEG, 0, 0, 0);
        assertThat(score(g, Query.forUser("stranger"))).containsExactly(0, 0, 0, 0);
        assertThat(score(g, new Query(null, null, null, null))).containsExactly(0, 0, 0, 0);
        assertThat(g.explain(Query.forUser("alice"), 0)).containsExactly("excludeSeen");
        assertThat(score(fitted(only(false, Map.of(), Map.of(), List.of())), Query.forUser("alice")))
                .containsExactly(0, 0, 0, 0);
    }

    @Test
    void includeKeepsOnlyItemsWithAnAcceptedValue() {
        RulesGenerator g = fitted(only(false, Map.of("region", List.of("eu")), Map.of(), List.of()));

        // m4 lacks the attribute altogether, m2 has another value
        assertThat(ranking(score(g, Query.forUser("alice"), 1, 4, 2, 3))).containsExactly("m3", "m1");
        assertThat(g.explain(Query.forUser("alice"), 3)).containsExactly("include.region");
        assertThat(g.explain(Query.forUser("alice"), 0)).isEmpty();
    }

    @Test
    void excludeDropsItemsWithAnyRejectedValue() {
        RulesGenerator g = fitted(only(false, Map.of(), Map.of("genre", List.of("Horror", "Drama")), List.of()));

        assertThat(ranking(score(g, Query.forUser("alice"), 1, 4, 2, 3))).containsExactly("m1");
        assertThat(g.explain(Query.forUser("alice"), 2)).containsExactly("exclude.genre");
    }

    @Test
    void boostsAddTheirWeightAndReorder() {
        RulesGenerator g = fitted(only(false, Map.of(), Map.of(),
                List.of(new Boost("genre", "Comedy", 2.0), new Boost("genre", "Drama", 1.0))));
        float[] s = score(g, Query.forUser("alice"), 0.5f, 3, 1, 2.5f);

        assertThat(s).containsExactly(2.5f, 3, 4, 3.5f);
        assertThat(ranking(s)).containsExactly("m3", "m4", "m2", "m1");
        assertThat(g.explain(Query.forUser("alice"), 2)).containsExactly("boost.genre=Comedy", "boost.genre=Drama");
    }

    @Test
    void boostsWorkAloneAndNeverReviveFilteredItems() {
        RulesGenerator g = fitted(new RulesConfig(true, Map.of(), Map.of(), List.of(new Boost("genre", "Comedy", null))));

        assertThat(score(g, Query.forUser("alice"))).containsExactly(NEG, 0, 1, 0);
        assertThat(g.explain(Query.forUser("alice"), 0)).containsExactly("excludeSeen", "boost.genre=Comedy");
    }

    @Test
    void queryExcludesByIdAndByRequestParameter() {
        RulesGenerator g = fitted(only(false, Map.of(), Map.of(), List.of()));
        Query q = new Query("alice", null, Set.of("m1", "not-in-catalog"),
                Map.of("exclude.genre", "Horror, Western", "region", "eu"));

        assertThat(score(g, q)).containsExactly(NEG, NEG, 0, 0);
        assertThat(g.explain(q, 0)).containsExactly("query.exclude");
        assertThat(g.explain(q, 1)).containsExactly("query.exclude.genre");
        assertThat(g.explain(q, 2)).isEmpty();
    }

    @Test
    void rejectsIncompleteRulesNamingTheParameter() {
        assertThatThrownBy(() -> new RulesGenerator(only(true, Map.of("genre", List.of()), Map.of(), List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("include.genre");
        assertThatThrownBy(() -> new RulesGenerator(only(true, Map.of(), Map.of(),
                List.of(new Boost("genre", "Comedy", 1.0), new Boost(" ", "x", 1.0)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("boosts[1].attribute");
        assertThatThrownBy(() -> new RulesGenerator(only(true, Map.of(), Map.of(),
                List.of(new Boost("genre", "Comedy", Double.NaN)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("boosts[0].weight");
        assertThatThrownBy(() -> new RulesGenerator(RulesConfig.defaults()).score(Query.forUser("a"), new float[4]))
                .isInstanceOf(IllegalStateException.class);
    }
}
