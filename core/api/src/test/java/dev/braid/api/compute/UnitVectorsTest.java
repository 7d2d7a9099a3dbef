package dev.braid.api.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.braid.api.data.FeatureMatrix;
import org.junit.jupiter.api.Test;

class UnitVectorsTest {

    @Test
    void unitOrNullScalesToUnitLengthAndRefusesVectorsWithoutDirection() {
        assertThat(UnitVectors.unitOrNull(new double[] {3, 4})).containsExactly(0.6f, 0.8f);
        assertThat(UnitVectors.unitOrNull(new double[] {0, -2, 0})).containsExactly(0f, -1f, 0f);
        assertThat(UnitVectors.unitOrNull(new double[] {0, 0})).isNull();
        assertThat(UnitVectors.unitOrNull(new double[] {1, Double.NaN})).isNull();
        assertThat(UnitVectors.unitOrNull(new double[] {1, Double.POSITIVE_INFINITY})).isNull();
    }

    @Test
    void unitRowsScalesPresentRowsAndTurnsZeroRowsAbsent() {
        FeatureMatrix m = FeatureMatrix.ofRows(2, new float[][] {{3, 4}, {0, 0}, null, {0, -5}});
        FeatureMatrix unit = UnitVectors.unitRows(m, new ReferenceBackend());
        assertThat(unit.rows()).isEqualTo(4);
        assertThat(unit.dim()).isEqualTo(2);
        assertThat(unit.row(0)[0]).isCloseTo(0.6f, within(1e-6f));
        assertThat(unit.row(0)[1]).isCloseTo(0.8f, within(1e-6f));
        assertThat(unit.isPresent(1)).isFalse();
        assertThat(unit.isPresent(2)).isFalse();
        assertThat(unit.row(3)).containsExactly(0f, -1f);
        // the input is left alone
        assertThat(m.isPresent(1)).isTrue();
        assertThat(m.row(0)).containsExactly(3f, 4f);
    }
}
