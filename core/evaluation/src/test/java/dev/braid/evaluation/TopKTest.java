package dev.braid.evaluation;

import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TopKTest {

    @Test
    void keepsTheBestAndBreaksTiesByTheLowerKeyThenIndex() {
        TopK top = new TopK(3);
        float[] scores = {1, 3, 3, 2, 3, 3};
        long[] keys = {0, 9, 5, 0, 5, 1};
        for (int i = 0; i < scores.length; i++) {
            top.offer(i, scores[i], keys[i]);
        }
        // Four items score 3: keys 1 (item 5), 5 (items 2 and 4: index decides), 9 (item 1, out).
        assertThat(top.drainBestFirst()).containsExactly(5, 2, 4);
    }

    @Test
    void returnsFewerThanKWhenFewerWereOffered() {
        TopK top = new TopK(5);
        top.offer(7, 0.5f, 0);
        top.offer(2, 0.9f, 0);
        assertThat(top.drainBestFirst()).containsExactly(2, 7);
    }

    @Test
    void agreesWithAFullSortOnRandomScoresWithTies() {
        Random random = new Random(3);
        for (int round = 0; round < 50; round++) {
            int n = 1 + random.nextInt(200);
            int k = 1 + random.nextInt(20);
            float[] s = new float[n];
            long[] key = new long[n];
            for (int i = 0; i < n; i++) {
                s[i] = random.nextInt(10); // few distinct values: many ties
                key[i] = random.nextInt(5); // and ties in the key too
            }
            TopK top = new TopK(k);
            for (int i = 0; i < n; i++) {
                top.offer(i, s[i], key[i]);
            }
            int[] expected = IntStream.range(0, n).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -s[i]).thenComparingLong(i -> key[i])
                            .thenComparingInt(i -> i))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            assertThat(top.drainBestFirst()).containsExactly(expected);
        }
    }
}
