package dev.braid.plugin.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.braid.api.component.Environment;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.compute.ReferenceBackend;
import dev.braid.api.data.Modality;
import dev.braid.api.fusion.FusionInput;
import dev.braid.testkit.PlantedFusion;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The learned strategies never end below their best single modality on their validation split. */
class BestInputRuleTest {
    private final ReferenceBackend backend = new ReferenceBackend();

    @TempDir
    Path dir;

    private GatedFusion gated(GatedConfig config, FusionInput in) {
        GatedFusion f = new GatedFusion(config, backend);
        f.fit(in, ProgressListener.NONE);
        return f;
    }

    private static InteractionSplit gatedSplit(GatedConfig config, FusionInput in) {
        return GatedTrainer.validationSplit(config, FusedAuc.usable(in), in.interactions(), in.seed());
    }

    /** Gates that barely move from equal weights: half of every fused vector is the noise modality. */
    private static GatedConfig untrainable() {
        return new GatedConfig(List.of(), 4, ProjectionParams.of("none"), "concat", 1, 1e-6, 1e-4,
                new FusionTraining(16, 0.1, 3, 20, 10, true, "interactions"));
    }

    @Test
    void gatedEndsAtLeastAsGoodAsTheBestSingleModalityWhenOneIsNoise() {
        for (long seed : new long[] {1, 2}) {
            FusionInput in = PlantedFusion.noiseImage(seed);
            for (GatedConfig c : List.of(GatedConfig.of(30, "pca", 4, "concat"), GatedConfig.of(30, "none", 4, "sum"),
                    untrainable())) {
                GatedFusion f = gated(c, in);
                InteractionSplit split = gatedSplit(c, in);
                assertThat(FusedAuc.auc(f, in, split)).as("seed %d, %s", seed, c)
                        .isGreaterThanOrEqualTo(FusedAuc.bestSingle(in, split) - 1e-12);
            }
        }
    }

    @Test
    void withItemsHeldOutGatedAndConcatStillEndAtLeastAsGoodAsTheBestSingleModality() {
        FusionInput in = PlantedFusion.noiseImage(3);
        GatedConfig c = GatedConfig.of(30, "pca", 4, "concat").withValidationHoldout("items");
        GatedFusion f = gated(c, in);
        InteractionSplit split = gatedSplit(c, in);
        assertThat(FusedAuc.auc(f, in, split)).isGreaterThanOrEqualTo(FusedAuc.bestSingle(in, split) - 1e-12);

        ConcatConfig cc = ConcatConfig.defaults().withValidationHoldout("items");
        ConcatFusion concat = new ConcatFusion(cc);
        concat.fit(in, ProgressListener.NONE);
        InteractionSplit concatSplit = ConcatFusion.validationSplit(cc, FusedAuc.usable(in), in.interactions(),
                in.seed());
        assertThat(FusedAuc.auc(concat, in, concatSplit))
                .isGreaterThanOrEqualTo(FusedAuc.bestSingle(in, concatSplit) - 1e-12);
        assertThat(concat.modalityWeights().get(Modality.TEXT)).isGreaterThan(concat.modalityWeights()
                .get(Modality.IMAGE));
    }

    @Test
    void gatedThatCannotBeatTextKeepsTextAloneAndSaysSo() {
        FusionInput in = PlantedFusion.noiseImage(1);
        GatedFusion f = gated(untrainable(), in);
        GatedFusion without = gated(untrainable().withKeepBestInput(false), in);
        InteractionSplit split = gatedSplit(untrainable(), in);

        double text = FusedAuc.auc(FusedAuc.single(Modality.TEXT, in), in, split);
        // the learned output alone would have ended below text
        assertThat(FusedAuc.auc(without, in, split)).isLessThan(text - 0.02);
        assertThat(without.keptModality()).isEmpty();
        assertThat(f.keptModality()).contains(Modality.TEXT);
        assertThat(f.modalityWeights()).containsExactly(Map.entry(Modality.TEXT, 1.0), Map.entry(Modality.IMAGE, 0.0));
        assertThat(f.fitSummary()).startsWith("text alone kept").contains("gated validation AUC")
                .contains("text alone " + BestInputRule.fmt(text));
        // its output is text's vector alone, as a text-only variant fuses it
        ConcatFusion single = FusedAuc.single(Modality.TEXT, in);
        assertThat(f.dimension()).isEqualTo(4);
        for (int i = 0; i < 10; i++) {
            assertThat(f.fuse(in.row(i))).containsExactly(single.fuse(in.row(i)), within(1e-6f));
        }
        assertThat(FusedAuc.auc(f, in, split)).isCloseTo(text, within(1e-12));
    }

    @Test
    void gatedThatBeatsEverySingleModalityKeepsItsGates() {
        FusionInput in = PlantedFusion.complementary(3);
        GatedConfig c = GatedConfig.of(30, "none", 4, "concat");
        GatedFusion f = gated(c, in);
        InteractionSplit split = gatedSplit(c, in);

        assertThat(f.keptModality()).isEmpty();
        assertThat(f.fitSummary()).startsWith("gated kept: validation AUC").contains("text alone", "image alone");
        assertThat(f.dimension()).isEqualTo(8);
        assertThat(f.modalityWeights().values()).allSatisfy(w -> assertThat(w).isStrictlyBetween(0.0, 1.0));
        assertThat(FusedAuc.auc(f, in, split)).isGreaterThan(FusedAuc.bestSingle(in, split));
    }

    private TransformerFusion transformer(int epochs, double learningRate, FusionInput in) {
        TransformerFusion f = new TransformerFusion(new TransformerConfig(List.of(), 4, ProjectionParams.of("none"),
                16, 2, 1, 32, "cls", 8, epochs, learningRate, 1e-4, 1, "", new FusionTraining(16, 0.1, 4, 20, 10,
                true, "interactions")), backend,
                new Environment(dir, dir, in.seed()));
        f.fit(in, ProgressListener.NONE);
        return f;
    }

    private static InteractionSplit transformerSplit(FusionInput in) {
        return TransformerTrainer.validationSplit(TransformerConfig.of(4, 16, 2, 1, "cls", 8, 1, ""),
                FusedAuc.usable(in), in.interactions(), in.seed());
    }

    @Test
    void transformerEndsAtLeastAsGoodAsTheBestSingleModalityAndReportsAKeptOne() {
        FusionInput in = PlantedFusion.noiseImage(2);
        InteractionSplit split = transformerSplit(in);
        double best = FusedAuc.bestSingle(in, split);

        TransformerFusion trained = transformer(12, 0.01, in);
        assertThat(FusedAuc.auc(trained, in, split)).isGreaterThanOrEqualTo(best - 1e-12);

        // one tiny step from random initialisation: far below text, so text is kept, reported and served
        TransformerFusion untrained = transformer(1, 1e-6, in);
        assertThat(untrained.keptModality()).contains(Modality.TEXT);
        assertThat(untrained.modalityWeights()).containsExactly(Map.entry(Modality.TEXT, 1.0),
                Map.entry(Modality.IMAGE, 0.0));
        assertThat(untrained.fitSummary()).startsWith("text alone kept").contains("transformer validation AUC");
        assertThat(untrained.dimension()).isEqualTo(4);
        assertThat(FusedAuc.auc(untrained, in, split)).isCloseTo(best, within(1e-12));
    }
}
