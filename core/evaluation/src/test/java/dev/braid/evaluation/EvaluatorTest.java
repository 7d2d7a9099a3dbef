package dev.braid.evaluation;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Item;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EvaluatorTest {
    private static final double EPS = 1e-9;
    private static final double LOG2_3 = Math.log(3) / Math.log(2);

    /** Items i0 .. i5. */
    private static final Catalog CATALOG = new Catalog(
            IntStream.range(0, 6).mapToObj(i -> Item.ofText("i" + i, "item " + i)).toList());

    private static final List<Interaction> TRAIN = List.of(
            Interaction.implicit("a", "i0"),
            Interaction.implicit("b", "i5"),
            Interaction.implicit("c", "i0"));

    private static final List<Interaction> TEST = List.of(
            Interaction.implicit("a", "i2"),
            Interaction.implicit("a", "i4"),
            Interaction.implicit("b", "i1"),
            Interaction.implicit("c", "i0"),       // c's only test item is a training item: c is skipped
            Interaction.implicit("d", "missing")); // not in the catalog: d is skipped

    /** User a prefers lower indices (score -i); user b prefers higher ones, but i1 most (score 10). */
    private static final Scorer SCORER = (user, scores) -> {
        for (int i = 0; i < scores.length; i++) {
            scores[i] = user.equals("a") ? -i : i;
        }
        if (user.equals("b")) {
            scores[1] = 10;
        }
    };

    private static InteractionMatrix train() {
        return InteractionMatrix.of(CATALOG, TRAIN);
    }

    @Test
    void metricsOfAKnownRanking() {
        EvaluationResult r = new Evaluator(2).evaluate(CATALOG, train(), TEST, null, List.of(3, 1), SCORER,
                ProgressListener.NONE);
        assertThat(r.users()).isEqualTo(2);
        // a: candidates i1..i5 (i0 is a training item), ranked i1 i2 i3 i4 i5, relevant {i2, i4}.
        //    @1 [miss]: everything 0.
        //    @3 [miss, hit, miss]: P = 1/3, R = 1/2, F1 = (2 * 1/6) / (5/6) = 0.4,
        //    NDCG = (1/log2 3) / (1 + 1/log2 3) = 0.3869, AP = (1/2) / min(2, 3) = 0.25, RR = 1/2, hit 1.
        //    AUC: -2 beats -3, -5; -4 beats -5: 3 of 6 pairs = 0.5.
        // b: candidates i0..i4 (i5 trained), ranked i1 i4 i3 i2 i0, relevant {i1}.
        //    @1 [hit]: P = R = F1 = NDCG = AP = RR = hit = 1.
        //    @3 [hit, miss, miss]: P = 1/3, R = 1, F1 = 0.5, NDCG = 1, AP = 1, RR = 1, hit 1. AUC = 1.
        double ndcgA = (1 / LOG2_3) / (1 + 1 / LOG2_3);
        assertThat(r.get("precision@1")).isCloseTo(0.5, within(EPS));
        assertThat(r.get("ndcg@1")).isCloseTo(0.5, within(EPS));
        assertThat(r.get("precision@3")).isCloseTo(1.0 / 3, within(EPS));
        assertThat(r.get("recall@3")).isCloseTo((0.5 + 1) / 2, within(EPS));
        assertThat(r.get("f1@3")).isCloseTo((0.4 + 0.5) / 2, within(EPS));
        assertThat(r.get("ndcg@3")).isCloseTo((ndcgA + 1) / 2, within(EPS));
        assertThat(r.get("map@3")).isCloseTo((0.25 + 1) / 2, within(EPS));
        assertThat(r.get("mrr@3")).isCloseTo((0.5 + 1) / 2, within(EPS));
        assertThat(r.get("hit_rate@3")).isCloseTo(1.0, within(EPS));
        assertThat(r.get("auc")).isCloseTo((0.5 + 1) / 2, within(EPS));
        // Top-1 lists {i1}, {i1}: 1 of 6 items. Top-3 lists {i1,i2,i3}, {i1,i4,i3}: 4 of 6.
        assertThat(r.get("coverage@1")).isCloseTo(1.0 / 6, within(EPS));
        assertThat(r.get("coverage@3")).isCloseTo(4.0 / 6, within(EPS));
        assertThat(r.metrics().keySet()).startsWith("precision@1", "precision@3", "recall@1").endsWith("auc");
    }

    @Test
    void tiesGoToTheLowerCatalogIndex() {
        Scorer constant = (user, scores) -> Arrays.fill(scores, 0f);
        // a's candidates i1..i5 all score 0: the list is i1 i2 i3; relevant i2 -> RR = 1/2.
        EvaluationResult r = new Evaluator(1).evaluate(CATALOG, train(),
                List.of(Interaction.implicit("a", "i2")), null, List.of(3), constant, ProgressListener.NONE);
        assertThat(r.get("mrr@3")).isCloseTo(0.5, within(EPS));
        assertThat(r.get("coverage@3")).isCloseTo(3.0 / 6, within(EPS));
        // All negatives tie with the positive: AUC = 0.5.
        assertThat(r.get("auc")).isCloseTo(0.5, within(EPS));
    }

    @Test
    void negativeInfinityIsNeverRecommended() {
        Scorer onlyI3 = (user, scores) -> scores[3] = 1f; // the buffer starts at -inf
        EvaluationResult r = new Evaluator(1).evaluate(CATALOG, train(),
                List.of(Interaction.implicit("a", "i3")), null, List.of(3), onlyI3, ProgressListener.NONE);
        // One recommendable item, a hit: P@3 = 1/3, coverage@3 = 1/6.
        assertThat(r.get("precision@3")).isCloseTo(1.0 / 3, within(EPS));
        assertThat(r.get("coverage@3")).isCloseTo(1.0 / 6, within(EPS));
        assertThat(r.get("auc")).isCloseTo(1.0, within(EPS));
    }

    @Test
    void candidateRestrictionLimitsRankingRelevanceAndCoverage() {
        // Candidates {i3, i4}: a's relevant items shrink to {i4}; ranked i3, i4 -> RR@3 = 1/2;
        // b's only test item i1 is not a candidate, so b is skipped.
        EvaluationResult r = new Evaluator(2).evaluate(CATALOG, train(), TEST, Set.of("i3", "i4"),
                List.of(3), SCORER, ProgressListener.NONE);
        assertThat(r.users()).isEqualTo(1);
        assertThat(r.get("mrr@3")).isCloseTo(0.5, within(EPS));
        assertThat(r.get("recall@3")).isCloseTo(1.0, within(EPS));
        assertThat(r.get("coverage@3")).isCloseTo(2.0 / 2, within(EPS));
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreadsAndProgressCountsUsers() {
        List<Item> items = IntStream.range(0, 300).mapToObj(i -> Item.ofText("i" + i, "")).toList();
        Catalog catalog = new Catalog(items);
        Random random = new Random(11);
        List<Interaction> train = new ArrayList<>();
        List<Interaction> test = new ArrayList<>();
        for (int u = 0; u < 120; u++) {
            for (int j = 0; j < 15; j++) {
                (j < 10 ? train : test).add(Interaction.implicit("u" + u, "i" + random.nextInt(300)));
            }
        }
        Scorer scorer = (user, scores) -> {
            Random r = new Random(user.hashCode());
            for (int i = 0; i < scores.length; i++) {
                scores[i] = r.nextInt(50); // ties on purpose
            }
        };
        InteractionMatrix matrix = InteractionMatrix.of(catalog, train);
        AtomicLong advanced = new AtomicLong();
        long[] total = new long[1];
        ProgressListener counting = new ProgressListener() {
            @Override
            public void start(String task, long totalUnits) {
                total[0] = totalUnits;
            }

            @Override
            public void advance(long units) {
                advanced.addAndGet(units);
            }

            @Override
            public void finish() {
            }
        };
        EvaluationResult one = new Evaluator(1).evaluate(catalog, matrix, test, null, List.of(5, 10), scorer,
                ProgressListener.NONE);
        EvaluationResult four = new Evaluator(4).evaluate(catalog, matrix, test, null, List.of(5, 10), scorer,
                counting);
        assertThat(four.metrics()).isEqualTo(one.metrics());
        assertThat(four.users()).isEqualTo(one.users()).isPositive();
        assertThat(advanced.get()).isEqualTo(four.users());
        assertThat(total[0]).isEqualTo(four.users());
    }

    @Test
    void aFailingScorerNamesTheUser() {
        Scorer failing = (user, scores) -> {
            throw new IllegalStateException("model not fitted");
        };
        assertThatThrownBy(() -> new Evaluator(2).evaluate(CATALOG, train(), TEST, null, List.of(3), failing,
                ProgressListener.NONE))
                .hasMessageContaining("user '").hasMessageContaining("model not fitted");
    }

    @Test
    void badArgumentsAreExplained() {
        assertThatThrownBy(() -> new Evaluator(1).evaluate(CATALOG, train(), TEST, null, List.of(0), SCORER,
                ProgressListener.NONE)).hasMessageContaining("K must be at least 1");
        assertThatThrownBy(() -> new Evaluator(1).evaluate(CATALOG, train(), TEST, Set.of("nope"), List.of(3),
                SCORER, ProgressListener.NONE)).hasMessageContaining("candidate items");
        Catalog other = new Catalog(List.of(Item.ofText("x", "")));
        assertThatThrownBy(() -> new Evaluator(1).evaluate(other, train(), TEST, null, List.of(3), SCORER,
                ProgressListener.NONE)).hasMessageContaining("same catalog");
    }
}
