package dev.braid.plugin.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.braid.api.fusion.SimplexGrid;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.compute.ReferenceBackend;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemFeatures;
import dev.braid.api.data.Modality;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LateFusionGeneratorTest {
    private static final float EPS = 1e-4f;
    private static final float S = (float) Math.sqrt(0.5); // 0.7071
    private final ReferenceBackend backend = new ReferenceBackend();

    private static Catalog catalog(int n) {
        return new Catalog(IntStream.range(0, n).mapToObj(i -> Item.ofText("i" + i, "")).toList());
    }

    /**
     * Text on i0 (1,0), i1 (-1,0), i2 (1,0); image on i0 (0,1), i1 (0,1), i3 (0,-1). User a likes i0. After centring,
     * the user's cosines are text (1, -1, 1, -) and image (1, 1, -, -1); z-scored over the items having the
     * modality (mean 1/3, std sqrt(8/9)): text (r, -2r, r, -), image (r, r, -, -2r) with r = sqrt(1/2).
     */
    private static TrainingData handCase() {
        Catalog c = catalog(4);
        FeatureMatrix text = FeatureMatrix.ofRows(2, new float[][] {{1, 0}, {-1, 0}, {1, 0}, null});
        FeatureMatrix image = FeatureMatrix.ofRows(2, new float[][] {{0, 1}, {0, 1}, null, {0, -1}});
        return new TrainingData(c, new ItemFeatures(Map.of(Modality.TEXT, text, Modality.IMAGE, image), null),
                InteractionMatrix.of(c, List.of(Interaction.implicit("a", "i0"))), 1);
    }

    private float[] score(LateFusionGenerator g, String user) {
        float[] s = new float[4];
        g.score(Query.forUser(user), s);
        return s;
    }

    @Test
    void combinesZScoredModalityScoresRenormalisedOverPresentModalities() {
        LateFusionGenerator equal = new LateFusionGenerator(new LateFusionConfig(Map.of("text", 1.0, "image", 1.0),
                List.of(), 0.2, 300, 0.1, 20), backend);
        equal.fit(handCase(), ProgressListener.NONE);
        // i2 has no image, i3 no text: each is scored by its present modality alone
        assertThat(score(equal, "a")).containsExactly(new float[] {S, -S / 2, S, -2 * S}, within(EPS));

        LateFusionGenerator textHeavy = new LateFusionGenerator(new LateFusionConfig(Map.of("text", 3.0,
                "image", 1.0), List.of(), 0.2, 300, 0.1, 20), backend);
        textHeavy.fit(handCase(), ProgressListener.NONE);
        assertThat(score(textHeavy, "a")).containsExactly(new float[] {S, (-6 * S + S) / 4, S, -2 * S},
                within(EPS));
        assertThat(textHeavy.weights()).containsEntry(Modality.TEXT, 0.75).containsEntry(Modality.IMAGE, 0.25);
        // unknown users: no opinion
        assertThat(score(textHeavy, "nobody")).containsOnly(0f);
    }

    @Test
    void fittedWeightsFavourTheInformativeModality() {
        int n = 200;
        Random rnd = new Random(9);
        float[][] text = new float[n][4];
        float[][] image = new float[n][4];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 4; k++) {
                text[i][k] = (float) ((k == i % 4 ? 1 : 0) + 0.5 * rnd.nextGaussian());
                image[i][k] = (float) rnd.nextGaussian();
            }
        }
        Catalog c = catalog(n);
        List<Interaction> xs = new ArrayList<>();
        for (int u = 0; u < 100; u++) {
            for (int k = 0; k < 15; k++) {
                xs.add(Interaction.implicit("u" + u, "i" + (u % 4 + 4 * rnd.nextInt(n / 4))));
            }
        }
        TrainingData data = new TrainingData(c, new ItemFeatures(Map.of(Modality.TEXT, FeatureMatrix.ofRows(4, text),
                Modality.IMAGE, FeatureMatrix.ofRows(4, image)), null), InteractionMatrix.of(c, xs), 5);
        LateFusionGenerator g = new LateFusionGenerator(LateFusionConfig.defaults(), backend);
        g.fit(data, ProgressListener.NONE);

        assertThat(g.weights().get(Modality.TEXT)).isGreaterThanOrEqualTo(0.7);
        assertThat(g.weights().get(Modality.TEXT) + g.weights().get(Modality.IMAGE)).isCloseTo(1.0, within(1e-9));
        // the same seed fits the same weights
        LateFusionGenerator again = new LateFusionGenerator(LateFusionConfig.defaults(), backend);
        again.fit(data, ProgressListener.NONE);
        assertThat(again.weights()).isEqualTo(g.weights());
    }

    @Test
    void gridCoversTheSimplex() {
        List<double[]> grid = SimplexGrid.points(3, 0.5);
        assertThat(grid).hasSize(6);
        grid.forEach(w -> assertThat(w[0] + w[1] + w[2]).isCloseTo(1.0, within(1e-12)));
        assertThat(SimplexGrid.points(2, 0.1)).hasSize(11);
    }

    @Test
    void rejectsBadConfigurationNamingTheParameter() {
        assertThatThrownBy(() -> new LateFusionGenerator(new LateFusionConfig(Map.of("smell", 1.0), List.of(), 0.2,
                300, 0.1, 20), backend)).hasMessageContaining("weights.smell");
        LateFusionGenerator audio = new LateFusionGenerator(new LateFusionConfig(Map.of(), List.of("audio"), 0.2,
                300, 0.1, 20), backend);
        assertThatThrownBy(() -> audio.fit(handCase(), ProgressListener.NONE)).hasMessageContaining("audio");
    }
}
