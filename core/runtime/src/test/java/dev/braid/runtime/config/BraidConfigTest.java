package dev.braid.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.data.Modality;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BraidConfigTest {
    @TempDir
    Path dir;

    private BraidConfig load(String yaml) throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, yaml);
        return BraidConfig.load(f);
    }

    @Test
    void variantsOverrideTheBasePipeline() throws Exception {
        BraidConfig c = load("""
                dataset: {type: demo}
                encoders: {text: tfidf, image: {name: color-histogram, bins: 4}}
                fusion: concat
                generators: [content-profile, {name: rules, excludeSeen: true}]
                variants:
                  - {name: text-only, modalities: [text]}
                  - {name: pop, modalities: [], generators: [popularity]}
                  - {name: fused}
                """);
        assertThat(c.variants()).extracting(PipelineSpec::name).containsExactly("text-only", "pop", "fused");
        PipelineSpec text = c.variant("text-only");
        assertThat(text.encoders()).containsOnlyKeys(Modality.TEXT);
        assertThat(text.generators()).extracting(ComponentSpec::name).containsExactly("content-profile", "rules");
        assertThat(c.variant("pop").encoders()).isEmpty();
        assertThat(c.variant("pop").fusion()).isNull();
        assertThat(c.variant("pop").generators().get(0).path()).isEqualTo("variants[1].generators[0]");
        PipelineSpec fused = c.variant("fused");
        assertThat(fused.encoders()).containsOnlyKeys(Modality.TEXT, Modality.IMAGE);
        assertThat(fused.encoders().get(Modality.IMAGE).params().get("bins").asInt()).isEqualTo(4);
        assertThat(fused.fusion().name()).isEqualTo("concat");
    }

    @Test
    void reportsEveryStructuralProblemWithItsPath() {
        assertThatThrownBy(() -> load("""
                encoders: {video: x, text: {bins: 3}}
                generators: popularity
                variants:
                  - {name: a, modalities: [smell]}
                  - {name: a, colour: red}
                extra: 1
                """)).isInstanceOf(ConfigException.class).satisfies(e -> assertThat(
                        ((ConfigException) e).problems()).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
                        "extra", "dataset", "encoders.video", "encoders.text.name", "generators",
                        "variants[0].modalities[0]", "variants[1].name", "variants[1].colour"));
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> BraidConfig.load(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("file not found")
                .hasMessageContaining("nope.yaml");
    }

    @Test
    void interpolatesEnvironmentVariablesWithDefaults() {
        java.util.Map<String, String> env = java.util.Map.of("DATA", "/srv/data");
        assertThat(BraidConfig.interpolate("path: ${DATA}/ml, other: ${NOPE:-../x}", env))
                .isEqualTo("path: /srv/data/ml, other: ../x");
        assertThatThrownBy(() -> BraidConfig.interpolate("${NOPE}", env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("NOPE is not set");
    }

    @Test
    void dropAtTestNamesModalitiesOfTheVariant() throws Exception {
        BraidConfig c = load("""
                dataset: {type: demo}
                encoders: {text: tfidf, image: color-histogram}
                fusion: concat
                generators: [content-profile]
                variants:
                  - {name: fused}
                  - {name: no-image, dropAtTest: [image]}
                """);
        assertThat(c.variant("fused").dropAtTest()).isEmpty();
        assertThat(c.variant("no-image").dropAtTest()).containsExactly(Modality.IMAGE);
        assertThat(c.variant("no-image").encoders()).containsOnlyKeys(Modality.TEXT, Modality.IMAGE);

        assertThatThrownBy(() -> load("""
                dataset: {type: demo}
                encoders: {text: tfidf, image: color-histogram}
                fusion: concat
                generators: [content-profile]
                variants:
                  - {name: a, dropAtTest: [audio]}
                  - {name: b, modalities: [text], dropAtTest: [text]}
                  - {name: c, dropAtTest: image}
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("variants[0].dropAtTest[0]: no encoder is declared for audio")
                .hasMessageContaining("variants[1].dropAtTest: drops every modality")
                .hasMessageContaining("variants[2].dropAtTest: expected a list");
    }
}
