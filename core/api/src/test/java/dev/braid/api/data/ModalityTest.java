package dev.braid.api.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModalityTest {

    @Test
    void parsesAConfiguredListCaseInsensitively() {
        assertThat(Modality.parseAll("modalities", List.of("text", " IMAGE", "text")))
                .containsExactlyInAnyOrder(Modality.TEXT, Modality.IMAGE);
        assertThat(Modality.parseAll("modalities", List.of())).isEmpty();
    }

    @Test
    void namesTheBadEntryOfAList() {
        assertThatThrownBy(() -> Modality.parseAll("modalities", List.of("text", "smell")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("modalities[1]: unknown modality 'smell'");
    }

    @Test
    void parsesWeightsAndNamesABadKeyOrWeight() {
        assertThat(Modality.parseWeights("weights", Map.of("Audio", 0.5, "text", 2.0)))
                .containsExactlyInAnyOrderEntriesOf(Map.of(Modality.AUDIO, 0.5, Modality.TEXT, 2.0));
        assertThatThrownBy(() -> Modality.parseWeights("weights", Map.of("smell", 1.0)))
                .hasMessageStartingWith("weights.smell: unknown modality");
        Map<String, Double> missing = new LinkedHashMap<>();
        missing.put("image", null);
        for (Map<String, Double> bad : List.of(Map.of("image", -1.0), Map.of("image", Double.NaN), missing)) {
            assertThatThrownBy(() -> Modality.parseWeights("weights", bad))
                    .hasMessageStartingWith("weights.image: must be a number >= 0");
        }
    }
}
