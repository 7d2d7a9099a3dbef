package dev.braid.plugin.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.data.Modality;
import dev.braid.api.fusion.FusionInput;
import dev.braid.testkit.Planted;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConcatFusionTest {
    private static final float EPS = 1e-5f;
    private static final float R = (float) (1 / Math.sqrt(2));

    /**
     * Text (dim 2) on items 0, 1, 3: mean (2, 12), std sqrt(8/3) in both dimensions, so the unit standardised
     * vectors are item0 (-r, -r), item1 (0, 1), item3 (1, 0). Image (dim 1) on items 0, 2, 3: mean 3, so item0
     * +1, item2 -1, item3 exactly the mean (zero block). Item 4 has nothing.
     */
    private static FusionInput input() {
        Catalog catalog = new Catalog(IntStream.range(0, 5).mapToObj(i -> Item.ofText("i" + i, "")).toList());
        FeatureMatrix text = FeatureMatrix.ofRows(2, new float[][] {{0, 10}, {2, 14}, null, {4, 12}, null});
        FeatureMatrix image = FeatureMatrix.ofRows(1, new float[][] {{5}, null, {1}, {3}, null});
        return new FusionInput(catalog, Map.of(Modality.TEXT, text, Modality.IMAGE, image), null, 1L);
    }

    private static ConcatFusion fitted(Map<String, Double> weights, List<String> modalities) {
        ConcatFusion f = new ConcatFusion(new ConcatConfig(weights, modalities));
        f.fit(input(), ProgressListener.NONE);
        return f;
    }

    @Test
    void standardisesNormalisesAndWeighsEachBlock() {
        ConcatFusion f = fitted(Map.of("text", 3.0, "image", 4.0), List.of());
        FusionInput in = input();

        assertThat(f.dimension()).isEqualTo(3);
        assertThat(f.fuse(in.row(0))).containsExactly(new float[] {-3 * R, -3 * R, 4}, within(EPS));
        // image equals its mean: a zero block, but still present, so no rescaling of the text block
        assertThat(f.fuse(in.row(3))).containsExactly(new float[] {3, 0, 0}, within(EPS));
        assertThat(f.modalityWeights()).containsExactly(Map.entry(Modality.TEXT, 3.0), Map.entry(Modality.IMAGE, 4.0));
    }

    @Test
    void missingModalityRescalesPresentBlocksToTheFullNorm() {
        ConcatFusion f = fitted(Map.of("text", 3.0, "image", 4.0), List.of());
        FusionInput in = input();

        // full norm sqrt(3^2 + 4^2) = 5; text-only: 3 * 5/3, image-only: 4 * 5/4
        assertThat(f.fuse(in.row(1))).containsExactly(new float[] {0, 5, 0}, within(EPS));
        assertThat(f.fuse(in.row(2))).containsExactly(new float[] {0, 0, -5}, within(EPS));
        assertThat(f.fuse(in.row(4))).isNull();
    }

    @Test
    void zeroWeightModalityIsNotUsable() {
        ConcatFusion f = fitted(Map.of("image", 0.0), List.of());
        FusionInput in = input();

        assertThat(f.fuse(in.row(2))).isNull();
        assertThat(f.fuse(in.row(1))).containsExactly(new float[] {0, 1, 0}, within(EPS));
        assertThat(f.fuse(in.row(0))).containsExactly(new float[] {-R, -R, 0}, within(EPS));
    }

    @Test
    void defaultsUseEveryModalityWithWeightOne() {
        ConcatFusion f = new ConcatFusion(ConcatConfig.defaults());
        f.fit(input(), ProgressListener.NONE);

        assertThat(f.modalityWeights()).containsOnlyKeys(Modality.TEXT, Modality.IMAGE).containsValues(1.0);
        // text-only item: rescaled by sqrt(2 / 1)
        assertThat(f.fuse(input().row(1))).containsExactly(new float[] {0, (float) Math.sqrt(2), 0}, within(EPS));
    }

    @Test
    void modalitiesRestrictWhatIsFused() {
        ConcatFusion f = fitted(Map.of(), List.of("image"));

        assertThat(f.dimension()).isEqualTo(1);
        assertThat(f.fuse(input().row(1))).isNull();
        assertThat(f.fuse(input().row(0))).containsExactly(new float[] {1}, within(EPS));
    }

    @Test
    void rejectsBadWeightsNamingTheParameter() {
        assertThatThrownBy(() -> new ConcatFusion(new ConcatConfig(Map.of("video", 1.0), List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights.video");
        assertThatThrownBy(() -> new ConcatFusion(new ConcatConfig(Map.of("text", -0.5), List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights.text");
        assertThatThrownBy(() -> new ConcatFusion(new ConcatConfig(Map.of(), List.of("smell"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("modalities[0]");
    }

    @Test
    void rejectsModalitiesTheInputLacksAndAllZeroWeights() {
        ConcatFusion audio = new ConcatFusion(new ConcatConfig(Map.of(), List.of("audio")));
        assertThatThrownBy(() -> audio.fit(input(), ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audio");
        ConcatFusion zero = new ConcatFusion(new ConcatConfig(Map.of("text", 0.0, "image", 0.0), List.of()));
        assertThatThrownBy(() -> zero.fit(input(), ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights");
    }

    @Test
    void rejectsVectorsOfTheWrongDimensionAndUseBeforeFit() {
        ConcatFusion f = fitted(Map.of(), List.of());
        var bad = dev.braid.api.fusion.ModalityVectors.of(Map.of(Modality.TEXT, new float[] {1, 2, 3}));
        assertThatThrownBy(() -> f.fuse(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text").hasMessageContaining("3");
        assertThatThrownBy(() -> new ConcatFusion(ConcatConfig.defaults()).dimension())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void tinyButNonZeroSpreadIsClampedNotBlownUp() {
        // dimension 0 spreads +-1, dimension 1 only +-1e-4: mean spread 0.50005, floor 0.01 * 0.50005
        FeatureMatrix text = FeatureMatrix.ofRows(2, new float[][] {{-1, 5 - 1e-4f}, {1, 5 + 1e-4f}});
        FusionInput in = new FusionInput(Planted.catalog(2), Map.of(Modality.TEXT, text), null, 1L);
        ConcatFusion clamped = new ConcatFusion(new ConcatConfig(Map.of(), List.of(), 0.01));
        clamped.fit(in, ProgressListener.NONE);
        ConcatFusion unclamped = new ConcatFusion(new ConcatConfig(Map.of(), List.of(), 0.0));
        unclamped.fit(in, ProgressListener.NONE);

        double z1 = -(5 - 1e-4f - 5.0) / (0.01 * (1 + 1e-4) / 2) * -1; // (x - mean) / floor
        double n = Math.sqrt(1 + z1 * z1);
        assertThat(clamped.fuse(in.row(0))).containsExactly(new float[] {(float) (-1 / n), (float) (z1 / n)},
                within(1e-3f));
        assertThat(Math.abs(clamped.fuse(in.row(0))[1])).isLessThan(0.05f);
        // without the floor the tiny dimension weighs as much as the informative one
        assertThat(unclamped.fuse(in.row(0))).containsExactly(new float[] {-R, -R}, within(1e-3f));
    }
}
