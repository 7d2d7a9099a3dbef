package dev.braid.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.api.component.Param;
import dev.braid.api.component.ParamGroup;
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

    record Stopping(
            @Param(description = "most epochs", defaultValue = "20", min = 1) int epochs,
            @Param(description = "epochs without improvement", defaultValue = "3", min = 1) int patience) {
        Stopping {
            if (patience > epochs) {
                throw new IllegalArgumentException("patience: must not exceed epochs (" + epochs + ")");
            }
        }
    }

    record Trained(
            @Param(description = "latent factors", defaultValue = "64", min = 1) int factors,
            @ParamGroup Stopping stopping,
            @Param(description = "model file", defaultValue = "") String model) {
    }

    record Repeating(@Param(description = "epochs again", defaultValue = "1") int epochs,
                     @ParamGroup Stopping stopping) {
    }

    @Test
    void bindsAGroupFromTheKeysBesideTheRecordsOwn() throws Exception {
        Trained t = ParamBinder.bind(Trained.class, yaml("{name: bpr, factors: 8, patience: 5}"), "generators[0]",
                Set.of("name"));
        assertThat(t).isEqualTo(new Trained(8, new Stopping(20, 5), ""));
        assertThat(ParamBinder.bind(Trained.class, null, "g", Set.of()).stopping()).isEqualTo(new Stopping(20, 3));
    }

    @Test
    void namesGroupProblemsByTheirKeyAndListsGroupKeysAsAccepted() throws Exception {
        assertThatThrownBy(() -> ParamBinder.bind(Trained.class, yaml("{epochs: 0, stopping: {epochs: 2}}"),
                "generators[0]", Set.of()))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::toString)
                        .containsExactlyInAnyOrder(
                                "generators[0].stopping: unknown parameter; accepted: epochs, factors, model, "
                                        + "patience",
                                "generators[0].epochs: must be in [1, Infinity], got 0"));
    }

    @Test
    void reportsTheGroupsOwnValidationAtTheComponentsPath() throws Exception {
        assertThatThrownBy(() -> ParamBinder.bind(Trained.class, yaml("{epochs: 2, patience: 4}"), "fusion",
                Set.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("fusion: patience: must not exceed epochs (2)");
    }

    @Test
    void rejectsAGroupThatRepeatsAKey() {
        assertThatThrownBy(() -> ParamBinder.bind(Repeating.class, null, "p", Set.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Stopping.epochs repeats");
    }

    @Test
    void listsGroupParametersInPlace() {
        assertThat(ParamInfo.of(Trained.class)).extracting(ParamInfo::name)
                .containsExactly("factors", "epochs", "patience", "model");
    }
}
