package dev.braid.plugin.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The spectral-contrast peak and valley selection picks what a full sort of the band would. */
class ContrastSelectionTest {

    @Test
    void smallestAndLargestMatchASortedBand() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + rnd.nextInt(600);
            int from = rnd.nextInt(20);
            double[] v = new double[from + n + 5];
            for (int i = 0; i < v.length; i++) {
                // Repeated values included: ties must not change the sums.
                v[i] = rnd.nextInt(4) == 0 ? 1e-10 : rnd.nextInt(50) * rnd.nextDouble();
            }
            int a = 1 + rnd.nextInt(n);
            double[] sorted = Arrays.copyOfRange(v, from, from + n);
            Arrays.sort(sorted);
            double[] low = new double[n];
            double[] high = new double[n];
            MfccAnalyzer.smallest(v, from, n, a, low);
            MfccAnalyzer.largest(v, from, n, a, high);
            for (int i = 0; i < a; i++) {
                assertThat(low[i]).as("trial %d smallest[%d]", trial, i).isEqualTo(sorted[i]);
                assertThat(high[i]).as("trial %d largest[%d]", trial, i).isEqualTo(sorted[n - 1 - i]);
            }
        }
    }
}
