package dev.braid.api.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ValidationTest {

    @Test
    void ndcgIsOneForAPerfectListAndDiscountsLowerRanks() {
        Set<Integer> relevant = Set.of(7, 9);
        assertThat(Validation.ndcg(new int[] {7, 9, 1}, 3, relevant::contains, 2, 10)).isEqualTo(1.0);
        // one hit at rank 2 (0-based 1) of two relevant: (1/log2 3) / (1 + 1/log2 3)
        double expected = (1 / log2(3)) / (1 + 1 / log2(3));
        assertThat(Validation.ndcg(new int[] {1, 9, 2}, 3, relevant::contains, 2, 10)).isCloseTo(expected,
                within(1e-12));
        assertThat(Validation.ndcg(new int[] {1, 2, 9}, 3, relevant::contains, 2, 2)).isZero(); // beyond k
        assertThat(Validation.ndcg(new int[] {9, 7, 1}, 1, relevant::contains, 2, 10)) // only n ranked
                .isCloseTo(1 / (1 + 1 / log2(3)), within(1e-12));
        assertThat(Validation.ndcg(new int[] {1}, 1, relevant::contains, 0, 10)).isNaN();
    }

    @Test
    void sampleIsSeededSortedAndWithoutRepeats() {
        int[] a = Validation.sample(IntStream.range(0, 100).toArray(), 10, new SplittableRandom(3));
        int[] b = Validation.sample(IntStream.range(0, 100).toArray(), 10, new SplittableRandom(3));
        assertThat(a).hasSize(10).isSorted().doesNotHaveDuplicates().containsExactly(b);
        assertThat(Validation.sample(new int[] {4, 2}, 5, new SplittableRandom(1))).containsExactly(4, 2);
    }

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }
}
