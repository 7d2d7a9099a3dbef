package dev.braid.api.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    @Test
    void keepsTheBestAndStopsAfterPatienceValidationsWithoutImprovement() {
        EarlyStopping s = new EarlyStopping(2);
        assertThat(s.improves(1, 0.2)).isTrue();
        assertThat(s.improves(2, 0.3)).isTrue();
        assertThat(s.improves(3, 0.3)).isFalse();
        assertThat(s.exhausted()).isFalse();
        assertThat(s.improves(4, 0.35)).isTrue();
        assertThat(s.exhausted()).isFalse();
        assertThat(s.improves(5, Double.NaN)).isFalse();
        assertThat(s.improves(6, 0.1)).isFalse();
        assertThat(s.exhausted()).isTrue();
        assertThat(s.best()).isEqualTo(0.35);
        assertThat(s.bestEpoch()).isEqualTo(4);
    }

    @Test
    void anInitialScoreMustBeBeaten() {
        EarlyStopping s = new EarlyStopping(1, 0.7);
        assertThat(s.improves(1, 0.6)).isFalse();
        assertThat(s.exhausted()).isTrue();
        assertThat(s.best()).isEqualTo(0.7);
        assertThat(s.bestEpoch()).isZero();
    }

    @Test
    void rejectsAPatienceBelowOne() {
        assertThatThrownBy(() -> new EarlyStopping(0)).hasMessageContaining("patience");
    }
}
