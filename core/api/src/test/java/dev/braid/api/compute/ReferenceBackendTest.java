package dev.braid.api.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReferenceBackendTest {

    @Test
    void blockedMatmulEqualsTheTextbookTripleLoopBitForBit() {
        ReferenceBackend ref = new ReferenceBackend();
        SplittableRandom r = new SplittableRandom(3);
        // Shapes that cross the row and column block edges, and degenerate ones.
        int[][] shapes = {{19, 33, 1030}, {8, 5, 512}, {1, 1, 1}, {3, 0, 4}, {0, 4, 2}, {17, 64, 513}};
        for (int[] s : shapes) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            float[] a = new float[m * k];
            float[] b = new float[k * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) (r.nextDouble() * 2 - 1);
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) (r.nextDouble() * 2 - 1);
            }
            float[] expected = new float[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int p = 0; p < k; p++) {
                        sum += (double) a[i * k + p] * b[p * n + j];
                    }
                    expected[i * n + j] = (float) sum;
                }
            }
            float[] actual = new float[m * n];
            java.util.Arrays.fill(actual, Float.NaN);
            ref.matmul(a, b, actual, m, k, n);
            assertThat(actual).as("%d x %d x %d", m, k, n).containsExactly(expected);
        }
    }
}
