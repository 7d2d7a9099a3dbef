package dev.braid.api.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.data.Catalog;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemFeatures;
import java.util.List;
import org.junit.jupiter.api.Test;

class FitStateTest {

    @Test
    void namesTheGeneratorBeforeFitAndReturnsTheLatestFitAfter() {
        FitState<String> state = new FitState<>("bpr");
        assertThat(state.orNull()).isNull();
        assertThatThrownBy(state::get).isInstanceOf(IllegalStateException.class)
                .hasMessage("bpr generator is used before fit()");
        state.set("first");
        state.set("second");
        assertThat(state.get()).isEqualTo("second");
    }

    @Test
    void interactionsMustCoverTheCatalog() {
        Catalog two = new Catalog(List.of(Item.ofText("a", ""), Item.ofText("b", "")));
        Catalog three = new Catalog(List.of(Item.ofText("a", ""), Item.ofText("b", ""), Item.ofText("c", "")));
        InteractionMatrix m = InteractionMatrix.of(two, List.of(Interaction.implicit("u", "a")));
        assertThat(new TrainingData(two, ItemFeatures.none(), m, 1).requireInteractions("x")).isSameAs(m);
        assertThatThrownBy(() -> new TrainingData(three, ItemFeatures.none(), m, 1).requireInteractions("two-tower"))
                .hasMessage("two-tower: the interactions cover 2 items but the catalog has 3");
    }
}
