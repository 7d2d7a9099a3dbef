package dev.braid.plugin.factorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.component.Environment;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.ItemFeatures;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;
import dev.braid.testkit.Planted;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VbprGeneratorTest {
    /** A quarter of the items are cold: never in training. */
    private static final Planted COLD = new Planted(11, 0.25);

    @TempDir
    Path dir;

    private VbprGenerator vbpr(String modelPath) {
        return vbpr(0, modelPath);
    }

    /** 16 factors, 8 content factors, 40 epochs; {@code batchSize} 0 = automatic, 1 = per-draw updates. */
    private VbprGenerator vbpr(int batchSize, String modelPath) {
        VbprConfig c = new VbprConfig(16, 8, 0.001, 128, batchSize, 0, BprTraining.of(40, 0, modelPath));
        return new VbprGenerator(c, new Environment(dir, dir, 1));
    }

    @Test
    void ranksColdItemsThroughTheirContentWhereBprCannot() {
        VbprGenerator v = vbpr("");
        v.fit(COLD.data(42), ProgressListener.NONE);
        BprGenerator b = new BprGenerator(new BprConfig(16, true, BprTraining.of(40, 0, "")),
                new Environment(dir, dir, 1));
        b.fit(COLD.data(42), ProgressListener.NONE);
        assertThat(COLD.coldItems).isNotEmpty();
        double vbprCold = COLD.auc(v, true);
        double bprCold = COLD.auc(b, true);
        assertThat(vbprCold).isGreaterThan(0.75);
        assertThat(bprCold).isBetween(0.4, 0.6); // cold items all score 0 for BPR: chance
        assertThat(COLD.auc(v, false)).isGreaterThan(0.75);
    }

    @Test
    void miniBatchTrainingKeepsThePerDrawQualityOnPlantedData() {
        for (long seed : new long[] {42, 43}) {
            VbprGenerator perDraw = vbpr(1, "");
            perDraw.fit(COLD.data(seed), ProgressListener.NONE);
            VbprGenerator miniBatch = vbpr(0, "");
            miniBatch.fit(COLD.data(seed), ProgressListener.NONE);
            double warmBefore = COLD.auc(perDraw, false);
            double warmAfter = COLD.auc(miniBatch, false);
            double coldBefore = COLD.auc(perDraw, true);
            double coldAfter = COLD.auc(miniBatch, true);
            assertThat(warmAfter).as("seed %d: AUC, all test items", seed).isGreaterThan(warmBefore - 0.02);
            assertThat(coldAfter).as("seed %d: AUC, cold items", seed).isGreaterThan(coldBefore - 0.02)
                    .isGreaterThan(0.75);
        }
    }

    @Test
    void aBatchLargerThanAnEpochStaysStableAndStillRanksColdItems() {
        // One batch per epoch: a single summed step per epoch must still train and stay finite.
        VbprGenerator v = vbpr(100_000, "");
        v.fit(COLD.data(42), ProgressListener.NONE);
        float[] s = new float[Planted.ITEMS];
        v.score(Query.forUser("u3"), s);
        for (float x : s) {
            assertThat(x).isFinite();
        }
        assertThat(COLD.auc(v, true)).isGreaterThan(0.75);
    }

    @Test
    void theBatchSizeIsAutomaticOrAsGivenAndValidated() {
        VbprConfig d = VbprConfig.defaults();
        assertThat(d.batchSize(10_000)).isEqualTo(1024);
        assertThat(d.batchSize(100_000)).isEqualTo(3125);
        assertThat(d.batchSize(632_000)).isEqualTo(16_384);
        VbprConfig fixed = new VbprConfig(16, 8, 0.001, 128, 1, 0, BprTraining.of(40, 0, ""));
        assertThat(fixed.batchSize(632_000)).isEqualTo(1);
        assertThatThrownBy(() -> new VbprConfig(16, 8, 0.001, 128, -1, 0, BprTraining.of(40, 0, "")))
                .hasMessageContaining("batchSize");
        assertThatThrownBy(() -> new VbprConfig(16, 8, 0.001, 128, 0, -0.5, BprTraining.of(40, 0, "")))
                .hasMessageContaining("contentOnlyWeight");
    }

    @Test
    void isReproducibleAndItsModelFileRoundTrips() {
        VbprGenerator a = vbpr("vbpr.bin");
        a.fit(COLD.data(42), ProgressListener.NONE);
        VbprGenerator same = vbpr("");
        same.fit(COLD.data(42), ProgressListener.NONE);
        VbprGenerator loaded = vbpr("vbpr.bin");
        loaded.fit(COLD.data(42), ProgressListener.NONE);
        assertThat(loaded.trainingReport().loadedFromFile()).isTrue();
        for (String u : new String[] {"u0", "u5", "nobody"}) {
            float[] x = Planted.scores(a, u);
            assertThat(Planted.scores(same, u)).containsExactly(x);
            assertThat(Planted.scores(loaded, u)).containsExactly(x);
        }
    }

    @Test
    void needsFusedFeatures() {
        VbprGenerator v = vbpr("");
        TrainingData noFeatures = new TrainingData(COLD.catalog, ItemFeatures.none(),
                COLD.data(1).interactions(), 1);
        assertThatThrownBy(() -> v.fit(noFeatures, ProgressListener.NONE)).hasMessageContaining("vbpr");
    }
}
