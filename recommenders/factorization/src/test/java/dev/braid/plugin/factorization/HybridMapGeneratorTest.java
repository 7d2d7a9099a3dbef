package dev.braid.plugin.factorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.ItemFeatures;
import dev.braid.api.data.Modality;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;
import dev.braid.plugin.factorization.hybrid.HybridMapConfig;
import dev.braid.plugin.factorization.hybrid.HybridMapGenerator;
import dev.braid.testkit.Planted;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HybridMapGeneratorTest {
    private static final Planted COLD = new Planted(11, 0.25);

    /** Random vectors: a modality that says nothing about taste. */
    private static FeatureMatrix noise(int dim, long seed, double missingShare) {
        Random r = new Random(seed);
        float[][] rows = new float[Planted.ITEMS][];
        for (int i = 0; i < Planted.ITEMS; i++) {
            if (r.nextDouble() < missingShare) {
                continue;
            }
            rows[i] = new float[dim];
            for (int j = 0; j < dim; j++) {
                rows[i][j] = (float) r.nextGaussian();
            }
        }
        return FeatureMatrix.ofRows(dim, rows);
    }

    private static TrainingData data(Map<Modality, FeatureMatrix> modalities) {
        return new TrainingData(COLD.catalog, new ItemFeatures(modalities, null),
                InteractionMatrix.of(COLD.catalog, COLD.train), 7);
    }

    private static HybridMapGenerator fitted(Map<Modality, FeatureMatrix> modalities) {
        HybridMapGenerator g = new HybridMapGenerator(new HybridMapConfig(8, 4, 256, null, null, 0.2, null, 1, "ridge", 256, 200));
        g.fit(data(modalities), ProgressListener.NONE);
        return g;
    }

    @Test
    void ranksColdItemsByTheInformativeModalityAndWeighsTheNoiseDown() {
        HybridMapGenerator g = fitted(Map.of(Modality.TEXT, COLD.content, Modality.IMAGE, noise(16, 3, 0)));
        assertThat(COLD.auc(g, true)).isGreaterThan(0.8);
        HybridMapGenerator.Choice c = g.choice();
        assertThat(c.weights().get(Modality.TEXT)).isGreaterThan(c.weights().get(Modality.IMAGE));
        // the rule every learned fusion keeps: never below its best single input on validation
        assertThat(c.validationNdcg()).isGreaterThanOrEqualTo(c.bestSingleNdcg());
        assertThat(c.bestSingle()).isEqualTo(Modality.TEXT);
        assertThat(g.fitSummary()).contains("weights text", "validation NDCG@10");
    }

    @Test
    void noiseAloneRanksColdItemsAtChanceLevel() {
        HybridMapGenerator g = fitted(Map.of(Modality.IMAGE, noise(16, 5, 0)));
        assertThat(COLD.auc(g, true)).isBetween(0.35, 0.65);
    }

    @Test
    void warmItemsKeepTheirCollaborativeSignal() {
        Planted warm = new Planted(13, 0);
        HybridMapGenerator g = new HybridMapGenerator(new HybridMapConfig(8, 4, 256, null, null, 0.2, null, 1, "ridge", 256, 200));
        g.fit(new TrainingData(warm.catalog, new ItemFeatures(Map.of(Modality.IMAGE, noise(16, 5, 0)), null),
                InteractionMatrix.of(warm.catalog, warm.train), 7), ProgressListener.NONE);
        // with uninformative content the collaborative factors still rank warm items well
        assertThat(warm.auc(g, false)).isGreaterThan(0.75);
    }

    @Test
    void itemsLackingAModalityAreMappedFromTheOthers() {
        FeatureMatrix partial = noise(16, 9, 0.3);
        HybridMapGenerator g = fitted(Map.of(Modality.TEXT, COLD.content, Modality.IMAGE, partial));
        float[] s = new float[Planted.ITEMS];
        g.score(Query.forUser("u0"), s);
        for (int i = 0; i < Planted.ITEMS; i++) {
            assertThat(Float.isFinite(s[i])).as("score of item %d", i).isTrue();
        }
        assertThat(COLD.auc(g, true)).isGreaterThan(0.8);
    }

    @Test
    void sameSeedSameScoresAndFilteredItemsStayFiltered() {
        Map<Modality, FeatureMatrix> m = Map.of(Modality.TEXT, COLD.content);
        float[] a = new float[Planted.ITEMS];
        float[] b = new float[Planted.ITEMS];
        b[3] = Float.NEGATIVE_INFINITY;
        fitted(m).score(Query.forUser("u1"), a);
        fitted(m).score(Query.forUser("u1"), b);
        assertThat(b[3]).isEqualTo(Float.NEGATIVE_INFINITY);
        b[3] = a[3];
        assertThat(b).containsExactly(a);
        float[] unknown = new float[Planted.ITEMS];
        fitted(m).score(Query.forUser("nobody"), unknown);
        assertThat(unknown).doesNotContain(Float.NaN);

        int[] candidates = {3, 150, 0, 3};
        float[] some = {0, 0, Float.NEGATIVE_INFINITY, 0};
        fitted(m).score(Query.forUser("u1"), candidates, some);
        assertThat(some).containsExactly(a[3], a[150], Float.NEGATIVE_INFINITY, a[3]);
    }

    @Test
    void withoutAnyModalityItSaysWhatToUseInstead() {
        HybridMapGenerator g = new HybridMapGenerator(HybridMapConfig.defaults());
        assertThatThrownBy(() -> g.fit(data(Map.of()), ProgressListener.NONE)).hasMessageContaining("hybrid-map")
                .hasMessageContaining("bpr");
        assertThatThrownBy(() -> new HybridMapConfig(8, 4, 256, java.util.List.of(0.0), null, 0.2, null, 1, "ridge", 256, 200))
                .hasMessageContaining("weights");
    }

    @Test
    void theNonLinearMapTrainsWithDjlAndBestKeepsTheBetterMapOnValidation() {
        Map<Modality, FeatureMatrix> m = Map.of(Modality.TEXT, COLD.content, Modality.IMAGE, noise(16, 3, 0.2));
        HybridMapGenerator mlp = new HybridMapGenerator(new HybridMapConfig(8, 4, 256, null, null, 0.2, null, 1,
                "mlp", 32, 400));
        mlp.fit(data(m), ProgressListener.NONE);
        assertThat(mlp.mapChoice().map()).isEqualTo("mlp");
        assertThat(mlp.mapChoice().mlpEpochs()).isBetween(1, 400);
        assertThat(COLD.auc(mlp, true)).isGreaterThan(0.8);

        HybridMapGenerator best = new HybridMapGenerator(new HybridMapConfig(8, 4, 256, null, null, 0.2, null, 1,
                "best", 32, 400));
        best.fit(data(m), ProgressListener.NONE);
        HybridMapGenerator.MapChoice c = best.mapChoice();
        assertThat(c.map()).isEqualTo(c.mlpNdcg() > c.ridgeNdcg() ? "mlp" : "ridge");
        assertThatThrownBy(() -> new HybridMapConfig(8, 4, 256, null, null, 0.2, null, 1, "forest", 32, 60))
                .hasMessageContaining("map");
    }
}
