package dev.braid.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braid.api.generator.Query;
import dev.braid.api.generator.ScoredItem;
import dev.braid.runtime.generation.GenerationManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules bundle inside the real runtime: nested rule declarations bind from YAML, and list-level rules
 * (diversity, conditional pins) reorder what {@code Generation.recommend} returns, with their reasons.
 */
class RulesIT extends LiveRuntimeFixture {
    @Test
    void diversityAndConditionalPinsShapeTheServedList() throws Exception {
        braid = LiveRuntime.start(dir, i -> i == 5 || i > 10 ? "Comedy" : "Drama", LiveRuntime.HomeSetup.NONE, false)
                .serve("""
                        generators:
                          - popularity
                          - name: rules
                            excludeSeen: true
                            diversity: [{attribute: genre, max: 2, top: 3}]
                            pins: [{item: i20, position: 1, when: {history: [i9]}}]
                        """);
        GenerationManager generations = braid.manager();

        // u10 saw i1: popularity gives i2, i3, i4 (Drama), i5 (Comedy); at most 2 Drama in the top 3.
        List<ScoredItem> u10 = generations.call(g -> g.recommend(Query.forUser("u10"), 4));
        assertThat(u10).extracting(ScoredItem::itemId).containsExactly("i2", "i3", "i5", "i4");
        assertThat(u10.get(3).reasons()).contains("rules:diversity.genre<=2");
        // u2 saw i1..i9 (so the pin's condition holds): i20 first, then the most popular unseen item.
        List<ScoredItem> u2 = generations.call(g -> g.recommend(Query.forUser("u2"), 2));
        assertThat(u2).extracting(ScoredItem::itemId).containsExactly("i20", "i10");
        assertThat(u2.get(0).reasons()).contains("rules:pin.i20@1[when history:i9]");
        // u3 did not see i9: no pin.
        List<ScoredItem> u3 = generations.call(g -> g.recommend(Query.forUser("u3"), 1));
        assertThat(u3).extracting(ScoredItem::itemId).containsExactly("i9");
    }
}
