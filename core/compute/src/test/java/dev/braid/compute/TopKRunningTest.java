package dev.braid.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TopKRunningTest {

    @Test
    void chunkedSelectionEqualsSelectionOverTheWholeArray() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(500);
            int k = 1 + rnd.nextInt(40);
            float[] scores = new float[n];
            for (int i = 0; i < n; i++) {
                // Few distinct values, so ties are common; some entries are excluded (negative infinity) or NaN.
                int r = rnd.nextInt(20);
                scores[i] = r == 0 ? Float.NEGATIVE_INFINITY : r == 1 ? Float.NaN : rnd.nextInt(8);
            }
            int[] expected = TopK.select(scores, n, k);

            TopK.Running running = new TopK.Running(k);
            int at = 0;
            while (at < n) {
                int chunk = Math.min(n - at, 1 + rnd.nextInt(64));
                float[] copy = new float[chunk + 3];
                System.arraycopy(scores, at, copy, 3, chunk); // offered from an offset, as a tile row is
                running.offer(copy, 3, chunk, at);
                at += chunk;
            }
            float[] kept = new float[k];
            int[] got = running.drain(kept);
            assertArrayEquals(expected, got, "trial " + trial);
            for (int i = 0; i < got.length; i++) {
                assertEquals(scores[got[i]], kept[i], "score of rank " + i + " in trial " + trial);
            }
        }
    }
}
