package dev.braid.plugin.fusion;

import static dev.braid.plugin.fusion.Fixtures.R;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.compute.ReferenceBackend;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Modality;
import dev.braid.api.fusion.FusionInput;
import dev.braid.testkit.Planted;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GatedFusionTest {
    private static final float EPS = 1e-5f;
    private final ReferenceBackend backend = new ReferenceBackend();

    private GatedFusion fitted(GatedConfig config, FusionInput in) {
        GatedFusion f = new GatedFusion(config, backend);
        f.fit(in, ProgressListener.NONE);
        return f;
    }

    @Test
    void untrainedGatesWeighPresentModalitiesEquallyInGatedBlocks() {
        FusionInput in = Fixtures.twoByTwo();
        GatedFusion f = fitted(GatedConfig.of(0, "none", 2, "concat"), in);

        assertThat(f.dimension()).isEqualTo(4);
        // text block then image block, each scaled by its gate weight
        assertThat(f.fuse(in.row(0))).containsExactly(new float[] {-0.5f * R, -0.5f * R, 0.5f, 0}, within(EPS));
        // a missing modality gets weight 0, the present one weight 1: never a zero vector standing in for it
        assertThat(f.fuse(in.row(1))).containsExactly(new float[] {0, 1, 0, 0}, within(EPS));
        assertThat(f.fuse(in.row(2))).containsExactly(new float[] {0, 0, -1, 0}, within(EPS));
        assertThat(f.fuse(in.row(4))).isNull();
    }

    @Test
    void gateWeightsDependOnTheItemsOwnVectors() {
        FusionInput in = Fixtures.twoByTwo();
        GatedFusion f = fitted(GatedConfig.of(0, "none", 2, "sum"), in);
        // text score w_text · u_text with w_text = (1, 0); image score: bias ln 3
        f.setGate(new float[] {1, 0, 0, 0}, new float[] {0, (float) Math.log(3)});

        // item0: s_text = -r, s_image = ln 3 -> alpha_text = e^-r / (e^-r + 3)
        double at = Math.exp(-R) / (Math.exp(-R) + 3);
        double ai = 1 - at;
        assertThat(f.fuse(in.row(0))).containsExactly(new float[] {(float) (-at * R + ai), (float) (-at * R)},
                within(EPS));
        // item3: s_text = 1, image present but a zero vector: alpha_text = e / (e + 3), image adds nothing
        double at3 = Math.E / (Math.E + 3);
        assertThat(f.fuse(in.row(3))).containsExactly(new float[] {(float) at3, 0}, within(EPS));
        // text-only item: the softmax runs over the present modality alone
        assertThat(f.fuse(in.row(1))).containsExactly(new float[] {0, 1}, within(EPS));
    }

    /**
     * 240 items in 4 clusters. The text vector shows the item's cluster (plus strong noise), the image vector is a
     * clean one-hot of one of two random groups unrelated to anyone's taste (a distractor), and audio is noise,
     * missing for half the items. Each user likes one cluster.
     */
    static FusionInput clustered(long seed) {
        int n = 240;
        Random rnd = new Random(seed);
        float[][] text = new float[n][4];
        float[][] image = new float[n][4];
        float[][] audio = new float[n][];
        for (int i = 0; i < n; i++) {
            int c = i % 4;
            int g = rnd.nextInt(2);
            for (int k = 0; k < 4; k++) {
                text[i][k] = (float) ((k == c ? 1 : 0) + 0.8 * rnd.nextGaussian());
                image[i][k] = k == g ? 1 : 0;
            }
            if (i % 2 == 0) {
                audio[i] = new float[] {(float) rnd.nextGaussian(), (float) rnd.nextGaussian(), 0, 0};
                audio[i][2] = (float) rnd.nextGaussian();
                audio[i][3] = (float) rnd.nextGaussian();
            }
        }
        Catalog catalog = Planted.catalog(n);
        List<Interaction> xs = new ArrayList<>();
        for (int u = 0; u < 120; u++) {
            int c = u % 4;
            for (int k = 0; k < 12; k++) {
                int item = c + 4 * rnd.nextInt(n / 4);
                xs.add(Interaction.implicit("u" + u, "i" + item));
            }
        }
        return new FusionInput(catalog, Map.of(Modality.TEXT, FeatureMatrix.ofRows(4, text), Modality.IMAGE,
                FeatureMatrix.ofRows(4, image), Modality.AUDIO, FeatureMatrix.ofRows(4, audio)),
                InteractionMatrix.of(catalog, xs), 17L);
    }

    @Test
    void trainingImprovesTheValidationObjectiveAndFavoursTheInformativeModality() {
        FusionInput in = clustered(3);
        GatedFusion f = fitted(new GatedConfig(List.of(), 4, ProjectionParams.of("none"), "concat", 15, 0.05, 1e-4,
                new FusionTraining(16, 0.1, 3, 20, 10, true, "interactions")), in);

        List<GatedTrainer.Epoch> h = f.history();
        assertThat(h.get(0).epoch()).isZero();
        double before = h.get(0).validationAuc();
        double best = h.stream().mapToDouble(GatedTrainer.Epoch::validationAuc).max().orElseThrow();
        assertThat(best).isGreaterThan(before + 0.02);
        // training loss goes down from the first epoch to the best one
        assertThat(h.stream().skip(2).mapToDouble(GatedTrainer.Epoch::trainLoss).min().orElseThrow())
                .isLessThan(h.get(1).trainLoss());
        Map<Modality, Double> w = f.modalityWeights();
        assertThat(w.get(Modality.TEXT)).isGreaterThan(0.5).isGreaterThan(w.get(Modality.IMAGE));
        assertThat(w.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void trainingWithTheDefaultsKeepsTrainedGatesThatBeatTheUntrainedOnes() {
        // the objective is the generator's cosine ranking, so validation improves over epoch 0 (equal weights)
        // and early stopping keeps a trained epoch, not the untrained gates
        for (long seed : new long[] {3, 5}) {
            GatedFusion f = fitted(GatedConfig.of(30, "pca", 4, "concat"), clustered(seed));
            List<GatedTrainer.Epoch> h = f.history();
            GatedTrainer.Epoch best = h.stream().max(java.util.Comparator.comparingDouble(
                    GatedTrainer.Epoch::validationAuc)).orElseThrow();
            assertThat(best.epoch()).as("seed %d", seed).isPositive();
            assertThat(best.validationAuc()).as("seed %d", seed).isGreaterThan(h.get(0).validationAuc() + 0.02);
        }
    }

    @Test
    void trainingIsReproducibleForASeed() {
        FusionInput in = clustered(3);
        GatedFusion a = fitted(GatedConfig.of(5, "pca", 3, "sum"), in);
        GatedFusion b = fitted(GatedConfig.of(5, "pca", 3, "sum"), in);
        assertThat(a.history()).isEqualTo(b.history());
        for (int i = 0; i < 20; i++) {
            assertThat(a.fuse(in.row(i))).containsExactly(b.fuse(in.row(i)));
        }
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> new GatedFusion(GatedConfig.of(1, "pca", 4, "product"), backend))
                .hasMessageContaining("output");
        assertThatThrownBy(() -> new GatedFusion(GatedConfig.of(-1, "pca", 4, "sum"), backend))
                .hasMessageContaining("epochs");
        assertThatThrownBy(() -> new GatedFusion(GatedConfig.of(1, "pca", 4, "sum"), backend).dimension())
                .isInstanceOf(IllegalStateException.class);
    }
}
