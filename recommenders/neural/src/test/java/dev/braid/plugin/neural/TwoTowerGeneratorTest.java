package dev.braid.plugin.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.component.Environment;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.compute.ReferenceBackend;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.ItemFeatures;
import dev.braid.api.generator.Generator;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;
import dev.braid.testkit.CountingProgress;
import dev.braid.testkit.Planted;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwoTowerGeneratorTest {
    /** A quarter of the items are cold: never in training. */
    private static final Planted COLD = new Planted(11, 0.25);

    @TempDir
    Path dir;

    private static TwoTowerConfig small(int epochs, double validationShare, String modelPath) {
        return small(epochs, validationShare, modelPath, false);
    }

    private static TwoTowerConfig small(int epochs, double validationShare, String modelPath, boolean users) {
        return new TwoTowerConfig(16, 32, 0, true, 0.5, true, users, 0.1, 128, 64, true, true, 20, epochs, 0.01, 0,
                validationShare, 1, 3, 2000, 1, modelPath);
    }

    private TwoTowerGenerator tower(TwoTowerConfig c) {
        return new TwoTowerGenerator(c, new Environment(dir, dir, 1), new ReferenceBackend());
    }

    /** Scores by training degree: what popularity knows. */
    private static Generator popularity(TrainingData d) {
        int[] degree = d.interactions().itemDegrees();
        return new Generator() {
            @Override
            public void fit(TrainingData data, ProgressListener progress) {
            }

            @Override
            public void score(Query query, float[] scores) {
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = degree[i];
                }
            }
        };
    }

    @Test
    void learnsThePlantedTasteAndScoresColdItemsFromContent() {
        TwoTowerGenerator t = tower(small(12, 0, ""));
        CountingProgress units = new CountingProgress();
        t.fit(COLD.data(42), units);
        assertThat(units.units()).isPositive();
        assertThat(COLD.coldItems).isNotEmpty();
        double warm = COLD.auc(t, false);
        double cold = COLD.auc(t, true);
        double pop = COLD.auc(popularity(COLD.data(42)), false);
        assertThat(warm).isGreaterThan(0.8).isGreaterThan(pop + 0.2);
        assertThat(cold).isGreaterThan(0.8); // cold items have zero id vectors: this is the content path
    }

    @Test
    void isReproducibleWithTheSameSeedAndItsModelFileRoundTrips() throws Exception {
        TwoTowerGenerator a = tower(small(8, 0, "tt.bin", true));
        a.fit(COLD.data(42), ProgressListener.NONE);
        assertThat(a.trainingReport().loadedFromFile()).isFalse();
        assertThat(dir.resolve("tt.bin")).isRegularFile();
        assertThat(Files.readString(dir.resolve("tt.bin.json"))).contains("\"kind\": \"two-tower\"");
        TwoTowerGenerator same = tower(small(8, 0, "", true));
        same.fit(COLD.data(42), ProgressListener.NONE);
        TwoTowerGenerator loaded = tower(small(8, 0, "tt.bin", true));
        loaded.fit(COLD.data(42), ProgressListener.NONE);
        assertThat(loaded.trainingReport().loadedFromFile()).isTrue();
        TwoTowerGenerator otherSeed = tower(small(8, 0, "", true));
        otherSeed.fit(COLD.data(43), ProgressListener.NONE);
        float[] o = new float[Planted.ITEMS];
        otherSeed.score(Query.forUser("u0"), o);
        for (String u : new String[] {"u0", "u5", "nobody"}) {
            float[] x = Planted.scores(a, u);
            assertThat(Planted.scores(same, u)).containsExactly(x);
            assertThat(Planted.scores(loaded, u)).containsExactly(x);
            if (u.equals("u0")) {
                assertThat(o).isNotEqualTo(x);
            }
        }
    }

    @Test
    void aChangedParameterRetrainsInsteadOfLoading() {
        tower(small(3, 0, "m.bin")).fit(COLD.data(42), ProgressListener.NONE);
        TwoTowerGenerator other = tower(small(4, 0, "m.bin"));
        other.fit(COLD.data(42), ProgressListener.NONE);
        assertThat(other.trainingReport().loadedFromFile()).isFalse();
    }

    @Test
    void earlyStoppingKeepsTheBestValidatedEpoch() {
        TwoTowerGenerator t = tower(new TwoTowerConfig(16, 32, 0, true, 0.5, true, false, 0.1, 128, 64, true, true,
                20, 12, 0.01, 0, 0.2, 2, 1, 2000, 1, ""));
        t.fit(COLD.data(42), ProgressListener.NONE);
        TwoTowerReport r = t.trainingReport();
        assertThat(r.validationNdcg()).isBetween(0.0, 1.0);
        assertThat(r.bestEpoch()).isPositive().isLessThanOrEqualTo(r.epochs());
        assertThat(r.bestEpoch() % 2).isZero();
        assertThat(COLD.auc(t, false)).isGreaterThan(0.75);
    }

    @Test
    void scoresAQueryByExampleThroughTheContentTower() {
        TwoTowerGenerator t = tower(small(12, 0, ""));
        t.fit(COLD.data(42), ProgressListener.NONE);
        float[] group1 = COLD.content.row(1); // item 1 is in group 1
        float[] s = new float[Planted.ITEMS];
        t.score(new Query(null, group1, null, null), s);
        double same = 0;
        double other = 0;
        for (int i = 0; i < Planted.ITEMS; i++) {
            if (Planted.group(i) == 1) {
                same += s[i] / (Planted.ITEMS / 4.0);
            } else {
                other += s[i] / (Planted.ITEMS * 3 / 4.0);
            }
        }
        assertThat(same).isGreaterThan(other);
    }

    @Test
    void rejectsBadConfigurationAndMissingContent() {
        assertThatThrownBy(() -> new TwoTowerConfig(16, 32, 0, true, 1.5, true, false, 0.1, 128, 64, true, true, 20,
                1, 0.01, 0, 0, 1, 1, 10, 1, "")).hasMessageStartingWith("idDropout:");
        assertThatThrownBy(() -> new TwoTowerConfig(16, 32, 0, true, 0.5, true, false, 0.1, 128, 0, false, true, 20,
                1, 0.01, 0, 0, 1, 1, 10, 1, "")).hasMessageStartingWith("negatives:");
        TwoTowerGenerator idsOff = tower(new TwoTowerConfig(16, 32, 0, false, 0.5, true, false, 0.1, 128, 64, true,
                true, 20, 1, 0.01, 0, 0, 1, 1, 10, 1, ""));
        TrainingData noFeatures = new TrainingData(COLD.catalog, ItemFeatures.none(),
                InteractionMatrix.of(COLD.catalog, COLD.train), 1);
        assertThatThrownBy(() -> idsOff.fit(noFeatures, ProgressListener.NONE)).hasMessageContaining("two-tower")
                .hasMessageContaining("idEmbedding");
    }

    @Test
    void learnsFromIdsAloneWithoutContent() {
        TwoTowerGenerator t = tower(small(12, 0, ""));
        t.fit(new TrainingData(COLD.catalog, ItemFeatures.none(), InteractionMatrix.of(COLD.catalog, COLD.train),
                42), ProgressListener.NONE);
        assertThat(COLD.auc(t, false)).isGreaterThan(0.7);
    }
}
