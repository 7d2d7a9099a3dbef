package dev.braid.plugin.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Modality;
import dev.braid.api.fusion.FusionInput;
import dev.braid.testkit.PlantedFusion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code concat} weights chosen on a validation split when interactions are given. */
class ConcatWeightSearchTest {

    private static ConcatFusion fitted(ConcatConfig config, FusionInput in) {
        ConcatFusion f = new ConcatFusion(config);
        f.fit(in, ProgressListener.NONE);
        return f;
    }

    private static InteractionSplit split(FusionInput in) {
        return ConcatFusion.validationSplit(ConcatConfig.defaults(), FusedAuc.usable(in), in.interactions(), in.seed());
    }

    @Test
    void theNoiseModalityIsDownWeightedAndTheResultIsAtLeastTheBestSingleModality() {
        for (long seed : new long[] {1, 2, 3}) {
            FusionInput in = PlantedFusion.noiseImage(seed);
            ConcatFusion f = fitted(ConcatConfig.defaults(), in);
            Map<Modality, Double> w = f.modalityWeights();
            assertThat(w.get(Modality.TEXT)).as("seed %d", seed).isGreaterThanOrEqualTo(0.8);
            assertThat(w.get(Modality.IMAGE)).as("seed %d", seed).isLessThanOrEqualTo(0.2);
            assertThat(w.get(Modality.TEXT) + w.get(Modality.IMAGE)).isCloseTo(1.0, within(1e-9));
            InteractionSplit split = split(in);
            double equal = FusedAuc.auc(fitted(ConcatConfig.defaults().withValidateWeights(false), in), in, split);
            double chosen = FusedAuc.auc(f, in, split);
            assertThat(chosen).as("seed %d", seed).isGreaterThanOrEqualTo(FusedAuc.bestSingle(in, split) - 1e-12)
                    .isGreaterThan(equal);
            assertThat(f.fitSummary()).contains("chosen on validation from 12 candidates")
                    .contains("AUC " + BestInputRule.fmt(chosen)).contains("equal weights " + BestInputRule.fmt(equal));
        }
    }

    @Test
    void complementaryModalitiesBothKeepWeight() {
        FusionInput in = PlantedFusion.complementary(3);
        ConcatFusion f = fitted(ConcatConfig.defaults(), in);
        assertThat(f.modalityWeights().values()).allSatisfy(w -> assertThat(w).isBetween(0.2, 0.8));
        InteractionSplit split = split(in);
        assertThat(FusedAuc.auc(f, in, split)).isGreaterThan(FusedAuc.bestSingle(in, split) + 0.05);
    }

    @Test
    void fixedWeightsAreHonouredAndTheSearchCanBeSwitchedOff() {
        FusionInput in = PlantedFusion.noiseImage(1);
        ConcatFusion fixed = fitted(new ConcatConfig(Map.of("text", 1.0, "image", 3.0), List.of()), in);
        assertThat(fixed.modalityWeights()).containsExactly(Map.entry(Modality.TEXT, 1.0),
                Map.entry(Modality.IMAGE, 3.0));
        assertThat(fixed.fitSummary()).isEqualTo("weights fixed by the configuration");
        // the image block carries 3 / sqrt(10) of the norm, as configured
        float[] v = fixed.fuse(in.row(0));
        double image = 0;
        double all = 0;
        for (int c = 0; c < 8; c++) {
            all += v[c] * v[c];
            image += c >= 4 ? v[c] * v[c] : 0;
        }
        assertThat(Math.sqrt(image / all)).isCloseTo(3 / Math.sqrt(10), within(1e-5));

        ConcatFusion off = fitted(ConcatConfig.defaults().withValidateWeights(false), in);
        assertThat(off.modalityWeights()).containsExactly(Map.entry(Modality.TEXT, 1.0),
                Map.entry(Modality.IMAGE, 1.0));
        assertThat(off.fitSummary()).isEmpty();

        // without interactions: weight 1 each, no search
        FusionInput noInteractions = new FusionInput(in.catalog(), in.modalities(), null, 1L);
        ConcatFusion plain = fitted(ConcatConfig.defaults(), noInteractions);
        assertThat(plain.modalityWeights()).containsValues(1.0, 1.0);
        assertThat(plain.fitSummary()).isEmpty();
    }

    @Test
    void theSearchIsReproducibleForASeed() {
        FusionInput in = PlantedFusion.complementary(4);
        assertThat(fitted(ConcatConfig.defaults(), in).modalityWeights())
                .isEqualTo(fitted(ConcatConfig.defaults(), in).modalityWeights());
    }

    @Test
    void theObjectiveEqualsTheSplitsAucOnTheMaterialisedConcatVectors() {
        // three modalities, audio missing for half the items, so several presence patterns
        FusionInput in = GatedFusionTest.clustered(3);
        InteractionSplit split = split(in);
        List<Block> blocks = new ArrayList<>();
        List<Modality> order = List.of(Modality.TEXT, Modality.IMAGE, Modality.AUDIO);
        for (Modality m : order) {
            blocks.add(Block.fit(m, 0, 1.0, in.modalities().get(m), 0.01));
        }
        WeightedBlocksObjective objective = new WeightedBlocksObjective(blocks, in, split);
        for (double[] w : List.of(new double[] {1, 1, 1}, new double[] {0.2, 0.5, 0.3}, new double[] {0.7, 0, 0.3},
                new double[] {0, 0, 1})) {
            ConcatFusion f = fitted(new ConcatConfig(Map.of("text", w[0], "image", w[1], "audio", w[2]), List.of()),
                    in);
            assertThat(objective.auc(w)).as("weights %s", java.util.Arrays.toString(w))
                    .isCloseTo(FusedAuc.auc(f, in, split), within(1e-9));
        }
    }
}
