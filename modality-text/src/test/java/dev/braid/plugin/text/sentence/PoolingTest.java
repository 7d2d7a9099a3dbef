package dev.braid.plugin.text.sentence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PoolingTest {

    @Test
    void meanPoolingIgnoresPaddedTokens() {
        // 2 rows x 3 tokens x 2 dims; row 0 has 2 real tokens, row 1 has 1.
        float[] hidden = {1, 2, 3, 4, 100, 100, 5, 6, -100, -100, 100, 100};
        long[] mask = {1, 1, 0, 1, 0, 0};
        float[][] pooled = Pooling.meanPool(hidden, mask, 2, 3, 2);
        assertThat(pooled[0]).containsExactly(2f, 3f);
        assertThat(pooled[1]).containsExactly(5f, 6f);
    }

    @Test
    void l2NormalisationGivesUnitLengthAndKeepsZero() {
        float[] v = Pooling.l2Normalize(new float[] {3, 4});
        assertThat(v[0]).isCloseTo(0.6f, within(1e-6f));
        assertThat(v[1]).isCloseTo(0.8f, within(1e-6f));
        assertThat(Pooling.l2Normalize(new float[] {0, 0})).containsExactly(0f, 0f);
    }
}
