package dev.braid.plugin.fusion;

import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Modality;
import dev.braid.api.fusion.FusionInput;
import dev.braid.testkit.Planted;
import java.util.Map;

/** Small hand-checkable inputs shared by the fusion tests. */
final class Fixtures {
    static final float R = (float) (1 / Math.sqrt(2));

    private Fixtures() {
    }

    /**
     * Five items, both modalities of dimension 2. Text on items 0, 1, 3: standardised unit vectors item0 (-r, -r),
     * item1 (0, 1), item3 (1, 0). Image on items 0, 2, 3 (second dimension constant, so it maps to 0):
     * item0 (1, 0), item2 (-1, 0), item3 exactly the mean (a zero vector, but present). Item 4 has nothing.
     */
    static FusionInput twoByTwo() {
        FeatureMatrix text = FeatureMatrix.ofRows(2, new float[][] {{0, 10}, {2, 14}, null, {4, 12}, null});
        FeatureMatrix image = FeatureMatrix.ofRows(2, new float[][] {{5, 7}, null, {1, 7}, {3, 7}, null});
        return new FusionInput(Planted.catalog(5), Map.of(Modality.TEXT, text, Modality.IMAGE, image), null, 1L);
    }
}
