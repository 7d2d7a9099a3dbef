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
        EvaluationResult r = new Evaluator(2, 42).evaluate(CATALOG, train(), TEST, null, List.of(3, 1), SCORER,
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
    void tiesAreBrokenBySeedUserAndItemNotByCatalogPosition() {
        Scorer constant = (user, scores) -> Arrays.fill(scores, 0f);
        List<Interaction> test = List.of(Interaction.implicit("a", "i2"));
        EvaluationResult r = new Evaluator(1, 42).evaluate(CATALOG, train(), test, null, List.of(3), constant,
                ProgressListener.NONE);
        // All candidates tie with the positive: AUC = 0.5 whatever the order.
        assertThat(r.get("auc")).isCloseTo(0.5, within(EPS));
        // The same catalog in reverse order, and four threads: the same list, so the same values.
        List<Item> reversed = new ArrayList<>(CATALOG.items());
        java.util.Collections.reverse(reversed);
        Catalog other = new Catalog(reversed);
        EvaluationResult again = new Evaluator(4, 42).evaluate(other, InteractionMatrix.of(other, TRAIN), test,
                null, List.of(3), constant, ProgressListener.NONE);
        assertThat(again.metrics()).isEqualTo(r.metrics());
        // Another seed orders the ties of some user differently.
        List<Interaction> many = IntStream.range(0, 50).mapToObj(u -> Interaction.implicit("u" + u, "i2")).toList();
        double[] seed42 = new Evaluator(1, 42).evaluate(CATALOG, train(), many, null, List.of(3), constant,
                ProgressListener.NONE).perUser().of("mrr@3");
        double[] seed7 = new Evaluator(1, 7).evaluate(CATALOG, train(), many, null, List.of(3), constant,
                ProgressListener.NONE).perUser().of("mrr@3");
        assertThat(seed7).isNotEqualTo(seed42);
        assertThat(new Evaluator(1, 7).tiePolicy()).isEqualTo("random (seed 7)");
    }

    /**
     * The data mimics MovieLens ids: every user's relevant items sit at low catalog indices. A scorer that ranks by
     * index is therefore far above chance, and a constant scorer must not be: its NDCG@10 must match the analytic
     * expectation of a uniformly random ranking of each user's candidates, computed here on its own.
     */
    @Test
    void aConstantScorerMeasuresLikeARandomRanking() {
        int items = 400;
        int usersCount = 3000;
        Catalog catalog = new Catalog(IntStream.range(0, items).mapToObj(i -> Item.ofText("m" + i, "")).toList());
        Random random = new Random(5);
        List<Interaction> train = new ArrayList<>();
        List<Interaction> test = new ArrayList<>();
        for (int u = 0; u < usersCount; u++) {
            for (int j = 0; j < 20; j++) {
                train.add(Interaction.implicit("u" + u, "m" + (50 + random.nextInt(items - 50))));
            }
            int relevant = 1 + random.nextInt(3);
            for (int j = 0; j < relevant; j++) {
                test.add(Interaction.implicit("u" + u, "m" + random.nextInt(20))); // low ids: "popular classics"
            }
        }
        InteractionMatrix matrix = InteractionMatrix.of(catalog, train);
        Evaluator evaluator = new Evaluator(2, 42);
        EvaluationResult constant = evaluator.evaluate(catalog, matrix, test, null, List.of(10),
                (user, scores) -> Arrays.fill(scores, 1f), ProgressListener.NONE);
        EvaluationResult byIndex = evaluator.evaluate(catalog, matrix, test, null, List.of(10),
                (user, scores) -> {
                    for (int i = 0; i < scores.length; i++) {
                        scores[i] = -i;
                    }
                }, ProgressListener.NONE);

        // E[NDCG@10] of a random ranking of N candidates with R relevant: (R / N) sum_{r<=10} 1/log2(r+1) / IDCG.
        double expected = 0;
        int users = 0;
        java.util.Map<String, java.util.Set<String>> relevantByUser = new java.util.HashMap<>();
        test.forEach(x -> relevantByUser.computeIfAbsent(x.user(), u -> new java.util.HashSet<>()).add(x.item()));
        for (var e : relevantByUser.entrySet()) {
            int u = matrix.userIndex(e.getKey());
            int candidates = items - matrix.items(u).length;
            int rel = e.getValue().size();
            double dcg = 0;
            for (int r = 1; r <= 10; r++) {
                dcg += 1 / (Math.log(r + 1) / Math.log(2));
            }
            double idcg = 0;
            for (int r = 1; r <= Math.min(rel, 10); r++) {
                idcg += 1 / (Math.log(r + 1) / Math.log(2));
            }
            expected += (double) rel / candidates * dcg / idcg;
            users++;
        }
        expected /= users;
        assertThat(constant.users()).isEqualTo(users);
        // Per-user NDCG X lies in [0, 1], so Var X <= E[X^2] <= E[X]; the mean of n users has a standard deviation
        // of at most sqrt(E[X] / n). Five of those.
        double tolerance = 5 * Math.sqrt(expected / users);
        assertThat(constant.get("ndcg@10")).isCloseTo(expected, within(tolerance));
        assertThat(constant.randomExpected().get("ndcg@10")).isCloseTo(expected, within(1e-9));
        assertThat(byIndex.randomExpected()).isEqualTo(constant.randomExpected());
        // Ties by index would have put the relevant low ids on top: the data can tell the two policies apart.
        assertThat(byIndex.get("ndcg@10")).isGreaterThan(expected + 20 * tolerance);
        // The per-user values are kept, one per user, and average to the reported figure.
        double[] perUser = constant.perUser().of("ndcg@10");
        assertThat(perUser).hasSize(users);
        assertThat(Arrays.stream(perUser).average().orElseThrow()).isCloseTo(constant.get("ndcg@10"),
                within(1e-12));
    }

    @Test
    void warmAndColdUsersAndItemsAreMeasuredSeparately() {
        // i0 and i5 have training interactions (warm), i1..i4 none. User a (warm) has a cold (i2) and a warm (i5)
        // test item; user e has no training interaction (cold user) and one cold test item (i1).
        List<Interaction> test = List.of(Interaction.implicit("a", "i2"), Interaction.implicit("a", "i5"),
                Interaction.implicit("e", "i1"));
        EvaluationResult r = new Evaluator(2, 42).evaluate(CATALOG, train(), test, null, List.of(5), SCORER,
                ProgressListener.NONE);
        // a ranks i1 i2 i3 i4 i5: first hit at 2 (RR 1/2). Warm items only (i2 out): i1 i3 i4 i5 -> RR 1/4.
        // Cold items only (i5 out): i1 i2 i3 i4 -> RR 1/2. e ranks i5 i4 i3 i2 i1 i0: i1 at 5 -> RR 1/5.
        assertThat(r.get("mrr@5")).isCloseTo((0.5 + 0.2) / 2, within(EPS));
        assertThat(r.segments().keySet()).containsExactly("warm users", "cold users", "warm items", "cold items");
        assertThat(r.segments().get("warm users")).containsEntry("users", 1.0);
        assertThat(r.segments().get("warm users").get("mrr@5")).isCloseTo(0.5, within(EPS));
        assertThat(r.segments().get("cold users").get("mrr@5")).isCloseTo(0.2, within(EPS));
        assertThat(r.segments().get("warm items")).containsEntry("users", 1.0);
        assertThat(r.segments().get("warm items").get("mrr@5")).isCloseTo(0.25, within(EPS));
        assertThat(r.segments().get("cold items")).containsEntry("users", 2.0);
        assertThat(r.segments().get("cold items").get("mrr@5")).isCloseTo((0.5 + 0.2) / 2, within(EPS));
        // The segment passes do not count towards coverage: top-5 lists {i1..i5} and {i5, i4, i3, i2, i1}.
        assertThat(r.get("coverage@5")).isCloseTo(5.0 / 6, within(EPS));
        // Only warm users and only warm items: no segments.
        EvaluationResult warmOnly = new Evaluator(1, 42).evaluate(CATALOG, train(),
                List.of(Interaction.implicit("a", "i5")), null, List.of(5), SCORER, ProgressListener.NONE);
        assertThat(warmOnly.segments()).isEmpty();
    }

    @Test
    void negativeInfinityIsNeverRecommended() {
        Scorer onlyI3 = (user, scores) -> scores[3] = 1f; // the buffer starts at -inf
        EvaluationResult r = new Evaluator(1, 42).evaluate(CATALOG, train(),
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
        EvaluationResult r = new Evaluator(2, 42).evaluate(CATALOG, train(), TEST, Set.of("i3", "i4"),
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
        EvaluationResult one = new Evaluator(1, 42).evaluate(catalog, matrix, test, null, List.of(5, 10), scorer,
                ProgressListener.NONE);
        EvaluationResult four = new Evaluator(4, 42).evaluate(catalog, matrix, test, null, List.of(5, 10), scorer,
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
        assertThatThrownBy(() -> new Evaluator(2, 42).evaluate(CATALOG, train(), TEST, null, List.of(3), failing,
                ProgressListener.NONE))
                .hasMessageContaining("user '").hasMessageContaining("model not fitted");
    }

    @Test
    void badArgumentsAreExplained() {
        assertThatThrownBy(() -> new Evaluator(1, 42).evaluate(CATALOG, train(), TEST, null, List.of(0), SCORER,
                ProgressListener.NONE)).hasMessageContaining("K must be at least 1");
        assertThatThrownBy(() -> new Evaluator(1, 42).evaluate(CATALOG, train(), TEST, Set.of("nope"), List.of(3),
                SCORER, ProgressListener.NONE)).hasMessageContaining("candidate items");
        Catalog other = new Catalog(List.of(Item.ofText("x", "")));
        assertThatThrownBy(() -> new Evaluator(1, 42).evaluate(other, train(), TEST, null, List.of(3), SCORER,
                ProgressListener.NONE)).hasMessageContaining("same catalog");
    }
}
