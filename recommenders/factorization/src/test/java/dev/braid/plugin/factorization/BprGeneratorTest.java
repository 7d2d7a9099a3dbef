package dev.braid.plugin.factorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.component.Environment;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.generator.Query;
import dev.braid.testkit.CountingProgress;
import dev.braid.testkit.Planted;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BprGeneratorTest {
    private static final Planted DATA = new Planted(7, 0);

    @TempDir
    Path dir;

    private BprGenerator bpr(double validationShare, String modelPath) {
        BprConfig c = new BprConfig(16, true, BprTraining.of(60, validationShare, modelPath));
        return new BprGenerator(c, new Environment(dir, dir, 1));
    }

    @Test
    void learnsThePlantedLowRankStructure() {
        BprGenerator g = bpr(0, "");
        g.fit(DATA.data(42), ProgressListener.NONE);
        assertThat(DATA.auc(g, false)).isGreaterThan(0.75);
    }

    @Test
    void userFirstSamplingAlsoLearnsTheStructureAndIsADifferentModel() {
        BprConfig c = new BprConfig(16, true, new BprTraining(60, 0.05, 0.01, 0, 5, 3, true, 5000, "user", ""));
        BprGenerator byUser = new BprGenerator(c, new Environment(dir, dir, 1));
        byUser.fit(DATA.data(42), ProgressListener.NONE);
        BprGenerator byPair = bpr(0, "");
        byPair.fit(DATA.data(42), ProgressListener.NONE);
        assertThat(DATA.auc(byUser, false)).isGreaterThan(0.75);
        assertThat(Arrays.equals(Planted.scores(byUser, "u3"), Planted.scores(byPair, "u3"))).isFalse();
        assertThatThrownBy(() -> new BprTraining(60, 0.05, 0.01, 0, 5, 3, true, 5000, "items", ""))
                .hasMessageContaining("sampling");
    }

    @Test
    void earlyStoppingStillLearnsAndReportsTheChosenEpochs() {
        BprGenerator g = bpr(0.1, "");
        g.fit(DATA.data(42), ProgressListener.NONE);
        assertThat(DATA.auc(g, false)).isGreaterThan(0.75);
        TrainingReport r = g.trainingReport();
        assertThat(r.epochs()).isBetween(1, 60);
        assertThat(r.validationNdcg()).isGreaterThan(0.0);
        assertThat(r.loadedFromFile()).isFalse();
    }

    @Test
    void theSameSeedGivesTheSameModelAndAnotherSeedAnotherOne() {
        BprGenerator a = bpr(0.1, "");
        BprGenerator b = bpr(0.1, "");
        BprGenerator c = bpr(0.1, "");
        a.fit(DATA.data(42), ProgressListener.NONE);
        b.fit(DATA.data(42), ProgressListener.NONE);
        c.fit(DATA.data(43), ProgressListener.NONE);
        assertThat(Planted.scores(a, "u3")).containsExactly(Planted.scores(b, "u3"));
        assertThat(Arrays.equals(Planted.scores(a, "u3"), Planted.scores(c, "u3"))).isFalse();
    }

    @Test
    void aSavedModelLoadsBackWithIdenticalScoresAndIsRetrainedWhenTheDataChanges() throws IOException {
        BprGenerator trained = bpr(0, "models/bpr.bin");
        trained.fit(DATA.data(42), ProgressListener.NONE);
        Path file = dir.resolve("models/bpr.bin");
        assertThat(file).isRegularFile();
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).containsExactly(file); // no temporary file left behind
        }
        BprGenerator loaded = bpr(0, "models/bpr.bin");
        CountingProgress epochs = new CountingProgress();
        loaded.fit(DATA.data(42), epochs);
        assertThat(loaded.trainingReport().loadedFromFile()).isTrue();
        assertThat(epochs.units()).isZero();
        for (String u : new String[] {"u0", "u1", "u77", "nobody"}) {
            assertThat(Planted.scores(loaded, u)).containsExactly(Planted.scores(trained, u));
        }
        BprGenerator otherSeed = bpr(0, "models/bpr.bin");
        otherSeed.fit(DATA.data(5), ProgressListener.NONE);
        assertThat(otherSeed.trainingReport().loadedFromFile()).isFalse();
    }

    @Test
    void aDamagedModelFileIsReportedWithItsPath() throws IOException {
        Files.writeString(dir.resolve("junk.bin"), "not a model");
        BprGenerator g = bpr(0, "junk.bin");
        assertThatThrownBy(() -> g.fit(DATA.data(42), ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("junk.bin");
    }

    @Test
    void unknownUsersGetTheItemBiasesAndExcludedItemsStayExcluded() {
        BprGenerator g = bpr(0, "");
        g.fit(DATA.data(42), ProgressListener.NONE);
        float[] s = new float[Planted.ITEMS];
        s[5] = Float.NEGATIVE_INFINITY;
        g.score(Query.forUser("stranger"), s);
        assertThat(s[5]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(s[6]).isFinite();
        assertThatThrownBy(() -> g.score(Query.forUser("u1"), new float[3]))
                .hasMessageContaining("3 score slots");
    }

    @Test
    void rejectsBadParametersAtConstruction() {
        BprConfig bad = new BprConfig(16, true, new BprTraining(0, 0.05, 0.01, 0, 5, 3, true, 10, "pair", ""));
        assertThatThrownBy(() -> new BprGenerator(bad, new Environment(dir, dir, 1)))
                .hasMessageContaining("epochs");
    }
}
