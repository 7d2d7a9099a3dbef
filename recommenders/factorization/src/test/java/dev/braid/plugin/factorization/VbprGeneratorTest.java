package dev.braid.plugin.factorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.component.Environment;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.ItemFeatures;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VbprGeneratorTest {
    /** A quarter of the items are cold: never in training. */
    private static final Planted COLD = new Planted(11, 0.25);

    @TempDir
    Path dir;

    private VbprGenerator vbpr(String modelPath) {
        VbprConfig c = new VbprConfig(16, 8, 40, 0.05, 0.01, 0.001, 128, 0, 5, 3, true, 5000, "pair", modelPath);
        return new VbprGenerator(c, new Environment(dir, dir, 1));
    }

    @Test
    void ranksColdItemsThroughTheirContentWhereBprCannot() {
        VbprGenerator v = vbpr("");
        v.fit(COLD.data(42), ProgressListener.NONE);
        BprGenerator b = new BprGenerator(new BprConfig(16, 40, 0.05, 0.01, true, 0, 5, 3, true, 5000, "pair", ""),
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
    void isReproducibleAndItsModelFileRoundTrips() {
        VbprGenerator a = vbpr("vbpr.bin");
        a.fit(COLD.data(42), ProgressListener.NONE);
        VbprGenerator same = vbpr("");
        same.fit(COLD.data(42), ProgressListener.NONE);
        VbprGenerator loaded = vbpr("vbpr.bin");
        loaded.fit(COLD.data(42), ProgressListener.NONE);
        assertThat(loaded.trainingReport().loadedFromFile()).isTrue();
        for (String u : new String[] {"u0", "u5", "nobody"}) {
            float[] x = new float[Planted.ITEMS];
            float[] y = new float[Planted.ITEMS];
            float[] z = new float[Planted.ITEMS];
            a.score(Query.forUser(u), x);
            same.score(Query.forUser(u), y);
            loaded.score(Query.forUser(u), z);
            assertThat(y).containsExactly(x);
            assertThat(z).containsExactly(x);
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
