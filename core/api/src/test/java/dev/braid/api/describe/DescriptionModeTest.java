package dev.braid.api.describe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.data.Item;
import org.junit.jupiter.api.Test;

class DescriptionModeTest {

    @Test
    void eachModeJoinsTheDescriptionItsOwnWay() {
        assertThat(DescriptionMode.REPLACE.apply("Babe (1995)", "A pig.")).isEqualTo("A pig.");
        assertThat(DescriptionMode.APPEND.apply(" Babe (1995) ", "A pig.")).isEqualTo("Babe (1995)\n\nA pig.");
        assertThat(DescriptionMode.APPEND.apply(null, "A pig.")).isEqualTo("A pig.");
        assertThat(DescriptionMode.MISSING.apply("", "A pig.")).isEqualTo("A pig.");
    }

    @Test
    void missingWantsOnlyItemsWithNoOrTooLittleText() {
        Item none = new Item("1", "", null, null);
        Item title = Item.ofText("2", "Babe (1995)");
        Item plot = Item.ofText("3", "Babe (1995). A pig raised by sheepdogs learns to herd sheep.");
        assertThat(DescriptionMode.MISSING.wants(none, 1)).isTrue();
        assertThat(DescriptionMode.MISSING.wants(Item.ofText("4", "  "), 1)).isTrue();
        assertThat(DescriptionMode.MISSING.wants(title, 1)).isFalse();
        assertThat(DescriptionMode.MISSING.wants(title, 40)).isTrue();
        assertThat(DescriptionMode.MISSING.wants(plot, 40)).isFalse();
        assertThat(DescriptionMode.APPEND.wants(plot, 40)).isTrue();
        assertThat(DescriptionMode.parse(" Append")).isEqualTo(DescriptionMode.APPEND);
        assertThatThrownBy(() -> DescriptionMode.parse("merge")).hasMessageContaining("replace, append or missing");
    }
}
