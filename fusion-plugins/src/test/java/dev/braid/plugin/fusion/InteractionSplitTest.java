package dev.braid.plugin.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.fusion.FusionInput;
import dev.braid.testkit.PlantedFusion;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InteractionSplitTest {

    @Test
    void holdingOutItemsKeepsThemOutOfTrainingAndMakesThemTheOnlyValidationCandidates() {
        FusionInput in = PlantedFusion.noiseImage(1);
        InteractionSplit split = new InteractionSplit(in.interactions(), FusedAuc.usable(in), Holdout.ITEMS, 0.2, 20,
                new SplittableRandom(7));
        Set<Integer> held = new HashSet<>();
        split.validation.forEach(row -> held.add(row[1]));
        assertThat(held).hasSizeBetween(20, 80); // about a fifth of the ~240 items that someone interacted with

        for (int[] row : split.validation) {
            int user = row[0];
            assertThat(split.fitHistory[user]).isNotEmpty();
            assertThat(Arrays.binarySearch(split.allHistory[user], row[1])).isNotNegative();
            for (int k = 2; k < row.length; k++) {
                assertThat(held).as("validation negatives are held-out items").contains(row[k]);
                assertThat(Arrays.binarySearch(split.allHistory[user], row[k])).isNegative();
            }
        }
        for (int u = 0; u < split.users(); u++) {
            for (int i : split.fitHistory[u]) {
                assertThat(held).as("a held-out item is never trained on").doesNotContain(i);
            }
            for (int k = 0; k < 20; k++) {
                assertThat(held).as("nor sampled as a training negative").doesNotContain(split.negative(u));
            }
        }
        // every interaction with a held-out item is a validation row (its user has other items to rank with)
        long heldInteractions = 0;
        for (int u = 0; u < split.users(); u++) {
            heldInteractions += Arrays.stream(split.allHistory[u]).filter(held::contains).count();
        }
        assertThat(split.validation).hasSize((int) heldInteractions);
    }

    @Test
    void holdingOutInteractionsKeepsEveryItemInTraining() {
        FusionInput in = PlantedFusion.noiseImage(1);
        InteractionSplit split = new InteractionSplit(in.interactions(), FusedAuc.usable(in), Holdout.INTERACTIONS,
                0.2, 20, new SplittableRandom(7));
        Set<Integer> trained = new HashSet<>();
        for (int[] h : split.fitHistory) {
            Arrays.stream(h).forEach(trained::add);
        }
        long warm = split.validation.stream().filter(row -> trained.contains(row[1])).count();
        assertThat(warm).as("held-out interactions are mostly on items others trained on")
                .isGreaterThan(split.validation.size() * 9L / 10);
    }

    @Test
    void aBadHoldoutIsNamed() {
        assertThatThrownBy(() -> Holdout.parse("validationHoldout", "users"))
                .hasMessageContaining("validationHoldout").hasMessageContaining("users");
        assertThatThrownBy(() -> new GatedFusion(GatedConfig.of(1, "pca", 4, "sum").withValidationHoldout("users"),
                new dev.braid.api.compute.ReferenceBackend())).hasMessageContaining("validationHoldout");
    }
}
