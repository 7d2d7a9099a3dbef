package dev.braid.plugin.content;

import dev.braid.api.data.Catalog;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemFeatures;
import dev.braid.api.generator.TrainingData;
import dev.braid.testkit.Vectors;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A six-item catalog with hand-checkable fused vectors. i0 (1,0,0), i1 (0.9,0.1,0), i2 (0,1,0), i3 (0,0,1),
 * i4 has no vector, i5 (1,0.05,0). Nobody interacted with i3, i4 or i5 (cold items). alice: i0; bob: i2 (rated
 * 2); carol: i0 rated 5, i2 rated 1.
 */
final class Fixture {
    static final float[][] VECTORS = {{1, 0, 0}, {0.9f, 0.1f, 0}, {0, 1, 0}, {0, 0, 1}, null, {1, 0.05f, 0}};
    static final Catalog CATALOG = new Catalog(
            IntStream.range(0, VECTORS.length).mapToObj(i -> Item.ofText("i" + i, "")).toList());

    private Fixture() {
    }

    static TrainingData data() {
        List<Interaction> xs = List.of(Interaction.implicit("alice", "i0"),
                new Interaction("bob", "i2", 2, Interaction.NO_TIMESTAMP),
                new Interaction("carol", "i0", 5, Interaction.NO_TIMESTAMP),
                new Interaction("carol", "i2", 1, Interaction.NO_TIMESTAMP));
        return new TrainingData(CATALOG, new ItemFeatures(Map.of(), FeatureMatrix.ofRows(3, VECTORS)),
                InteractionMatrix.of(CATALOG, xs), 3);
    }

    /** The cosine of two fixture vectors, computed directly. */
    static float cos(float[] a, float[] b) {
        return (float) Vectors.cosine(a, b);
    }

    static float cos(int a, int b) {
        return cos(VECTORS[a], VECTORS[b]);
    }
}
