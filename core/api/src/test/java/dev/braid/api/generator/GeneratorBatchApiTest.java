package dev.braid.api.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.component.ProgressListener;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratorBatchApiTest {

    /** Scores item i as 10 * i, with a filter on entry kept, and explains through the single-item method only. */
    private static final class Linear implements Generator {
        @Override
        public void fit(TrainingData data, ProgressListener progress) {
        }

        @Override
        public void score(Query query, float[] scores) {
            float[] own = new float[scores.length];
            for (int i = 0; i < own.length; i++) {
                own[i] = 10f * i;
            }
            Scores.overwrite(own, scores);
        }

        @Override
        public List<String> explain(Query query, int item) {
            return item % 2 == 0 ? List.of("even " + item) : List.of();
        }
    }

    @Test
    void batchExplainDefaultsToTheSingleItemMethodInOrder() {
        List<List<String>> reasons = new Linear().explain(Query.forUser("u"), new int[] {4, 1, 2, 4});
        assertThat(reasons).containsExactly(List.of("even 4"), List.of(), List.of("even 2"), List.of("even 4"));
    }

    @Test
    void candidatesOfAPlainGeneratorAreScoredThroughTheCatalogAndKeepFilters() {
        int[] candidates = {3, 0, 5};
        float[] scores = {0f, Float.NEGATIVE_INFINITY, 7f};
        Scores.scoreCandidates(new Linear(), Query.forUser("u"), candidates, scores, 6);
        assertThat(scores).containsExactly(30f, Float.NEGATIVE_INFINITY, 50f);
    }

    @Test
    void aCandidateScorerIsAskedDirectly() {
        int[][] seen = new int[1][];
        CandidateScorer direct = new CandidateScorer() {
            @Override
            public void fit(TrainingData data, ProgressListener progress) {
            }

            @Override
            public void score(Query query, float[] scores) {
                throw new AssertionError("the catalog must not be scored");
            }

            @Override
            public void score(Query query, int[] candidates, float[] scores) {
                seen[0] = candidates;
                Scores.fill(1f, scores);
            }
        };
        float[] scores = new float[2];
        Scores.scoreCandidates(direct, Query.forUser("u"), new int[] {8, 9}, scores, 10);
        assertThat(seen[0]).containsExactly(8, 9);
        assertThat(scores).containsExactly(1f, 1f);
    }

    @Test
    void badSlotsAndCandidatesAreNamed() {
        assertThatThrownBy(() -> Scores.requireSlots("bpr", new float[3], 4))
                .hasMessage("bpr: got 3 score slots for a catalog of 4 items");
        assertThatThrownBy(() -> Scores.requireCandidates("bpr", new int[] {1, 4}, new float[2], 4))
                .hasMessage("bpr: candidate 4 is outside the catalog of 4 items");
        assertThatThrownBy(() -> Scores.requireCandidates("bpr", new int[] {1}, new float[2], 4))
                .hasMessage("bpr: got 2 score slots for 1 candidates");
    }

    @Test
    void reasonsNameTheGeneratorAndTheScore() {
        assertThat(Scores.reasons("vbpr", new float[] {0.8125f, -1f}))
                .containsExactly(List.of("vbpr: score 0.813"), List.of("vbpr: score -1.000"));
    }
}
