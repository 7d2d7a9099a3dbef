package dev.braid.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.api.component.Param;
import dev.braid.api.data.Modality;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParamBinderTest {

    record Sample(
            @Param(description = "dimension", defaultValue = "64", min = 8, max = 1024) int dimension,
            @Param(description = "lower-case", defaultValue = "true") boolean lowercase,
            @Param(description = "weights", defaultValue = "{}") Map<Modality, Double> weights,
            @Param(description = "words", defaultValue = "[a, b]") List<String> words,
            @Param(description = "model file") String model) {
    }

    private static JsonNode yaml(String s) throws Exception {
        return ParamBinder.mapper().readTree(s);
    }

    @Test
    void appliesDefaultsAndConvertsValues() throws Exception {
        Sample s = ParamBinder.bind(Sample.class, yaml("{name: x, model: m.onnx, weights: {image: 2, TEXT: 0.5}}"),
                "encoders.text", Set.of("name"));
        assertThat(s.dimension()).isEqualTo(64);
        assertThat(s.lowercase()).isTrue();
        assertThat(s.words()).containsExactly("a", "b");
        assertThat(s.weights()).containsEntry(Modality.IMAGE, 2.0).containsEntry(Modality.TEXT, 0.5);
        assertThat(s.model()).isEqualTo("m.onnx");
    }

    @Test
    void namesThePathOfEveryProblem() throws Exception {
        assertThatThrownBy(() -> ParamBinder.bind(Sample.class,
                yaml("{dimension: 4, lowercase: maybe, weights: {image: heavy}, colour: red}"),
                "variants[2].fusion", Set.of("name")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::toString)
                        .containsExactlyInAnyOrder(
                                "variants[2].fusion.colour: unknown parameter; accepted: dimension, lowercase, "
                                        + "model, weights, words",
                                "variants[2].fusion.dimension: must be in [8, 1024], got 4",
                                "variants[2].fusion.lowercase: expected true or false, got 'maybe'",
                                "variants[2].fusion.weights.image: expected a number, got 'heavy'",
                                "variants[2].fusion.model: missing required parameter (String): model file"));
    }

    @Test
    void rejectsAFloatWhereAnIntegerIsExpected() throws Exception {
        assertThatThrownBy(() -> ParamBinder.bind(Sample.class, yaml("{dimension: 12.5, model: m}"), "p", Set.of()))
                .hasMessageContaining("p.dimension: expected an integer, got 12.5");
    }

    record Checked(@Param(description = "a", defaultValue = "1") int a) {
        Checked {
            if (a == 3) {
                throw new IllegalArgumentException("a must not be 3");
            }
        }
    }

    @Test
    void reportsTheRecordsOwnValidation() throws Exception {
        assertThatThrownBy(() -> ParamBinder.bind(Checked.class, yaml("{a: 3}"), "fusion", Set.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("fusion: a must not be 3");
    }
}
