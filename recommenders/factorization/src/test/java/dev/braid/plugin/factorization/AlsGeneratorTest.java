package dev.braid.plugin.factorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.component.Environment;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemFeatures;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The als generator scores with the factors of its model file, and refuses a file trained otherwise. */
class AlsGeneratorTest {
    @TempDir
    Path dir;

    private static AlsConfig config(int rank, String model) {
        return new AlsConfig(rank, 10, 0.1, 1.0, 42, model);
    }

    private TrainingData data() {
        Catalog catalog = new Catalog(List.of(Item.ofText("a", ""), Item.ofText("b", ""), Item.ofText("c", ""),
                Item.ofText("new", "")));
        return new TrainingData(catalog, new ItemFeatures(Map.of(), null), InteractionMatrix.of(catalog,
                List.of(Interaction.implicit("u1", "a"))), 1);
    }

    @Test
    void scoresDotProductsOfTheSavedFactorsInCatalogOrder() {
        // Items stored in another order than the catalog's; "new" has no factor, "gone" is not in the catalog.
        new AlsFactors(2, new String[] {"u1", "u2"}, new float[] {1, 0, 0, 2},
                new String[] {"c", "gone", "a", "b"}, new float[] {3, 1, 9, 9, 1, 0, 2, 5})
                .write(dir.resolve("als.model"), config(2, "als.model").fingerprint());
        AlsGenerator g = new AlsGenerator(config(2, "als.model"), new Environment(dir, dir, 1));
        g.fit(data(), ProgressListener.NONE);

        float[] u1 = new float[4];
        g.score(Query.forUser("u1"), u1);
        assertThat(u1).containsExactly(1f, 2f, 3f, Float.NEGATIVE_INFINITY);
        float[] u2 = new float[4];
        g.score(Query.forUser("u2"), u2);
        assertThat(u2).containsExactly(0f, 10f, 2f, Float.NEGATIVE_INFINITY);
        float[] unknown = {0.5f, Float.NEGATIVE_INFINITY, 0.5f, 0.5f};
        g.score(Query.forUser("stranger"), unknown);
        assertThat(unknown).containsExactly(0f, Float.NEGATIVE_INFINITY, 0f, 0f);

        float[] candidates = {0, Float.NEGATIVE_INFINITY, 0, 0};
        g.score(Query.forUser("u2"), new int[] {3, 0, 1, 2}, candidates);
        assertThat(candidates).containsExactly(Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, 10f, 2f);
    }

    @Test
    void refusesAModelTrainedWithOtherParametersAndAMissingModelPath() {
        new AlsFactors(2, new String[] {"u1"}, new float[] {1, 0}, new String[] {"a"}, new float[] {1, 1})
                .write(dir.resolve("als.model"), new AlsConfig(2, 99, 0.1, 1.0, 42, "x").fingerprint());
        AlsGenerator g = new AlsGenerator(config(2, "als.model"), new Environment(dir, dir, 1));
        assertThatThrownBy(() -> g.fit(data(), ProgressListener.NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("als.model").hasMessageContaining("BraidJob --stage train");
        assertThatThrownBy(() -> new AlsGenerator(config(2, ""), new Environment(dir, dir, 1)))
                .hasMessageContaining("model: required");
    }
}
