package dev.braid.evaluation;

import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TopKTest {

    @Test
    void keepsTheBestAndBreaksTiesByLowerIndex() {
        TopK top = new TopK(3);
        float[] scores = {1, 3, 3, 2, 3};
        for (int i = 0; i < scores.length; i++) {
            top.offer(i, scores[i]);
        }
        // Three items score 3: indices 1, 2, 4 in that order; item 3 (score 2) is out.
        assertThat(top.drainBestFirst()).containsExactly(1, 2, 4);
    }

    @Test
    void returnsFewerThanKWhenFewerWereOffered() {
        TopK top = new TopK(5);
        top.offer(7, 0.5f);
        top.offer(2, 0.9f);
        assertThat(top.drainBestFirst()).containsExactly(2, 7);
    }

    @Test
    void agreesWithAFullSortOnRandomScoresWithTies() {
        Random random = new Random(3);
        for (int round = 0; round < 50; round++) {
            int n = 1 + random.nextInt(200);
            int k = 1 + random.nextInt(20);
            float[] s = new float[n];
            for (int i = 0; i < n; i++) {
                s[i] = random.nextInt(10); // few distinct values: many ties
            }
            TopK top = new TopK(k);
            for (int i = 0; i < n; i++) {
                top.offer(i, s[i]);
            }
            int[] expected = IntStream.range(0, n).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -s[i]).thenComparingInt(i -> i))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            assertThat(top.drainBestFirst()).containsExactly(expected);
        }
    }
}
