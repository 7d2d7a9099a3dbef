package dev.braid.runtime.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.runtime.config.BraidConfig;
import dev.braid.runtime.config.ConfigException;
import dev.braid.runtime.config.ParamBinder;
import dev.braid.runtime.query.UnknownUserPolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServeConfigTest {
    private static final Path BASE = Path.of("/srv/braid");

    private static BraidConfig config(String serve) throws Exception {
        String yaml = """
                dataset: {type: demo, feedback: online.log}
                generators: [popularity]
                variants: [{name: a}, {name: b}]
                """ + serve;
        return BraidConfig.parse(ParamBinder.mapper().readTree(yaml), BASE.resolve("x.yaml"), BASE);
    }

    @Test
    void sharesAreNormalisedAndTheFeedbackLogIsTheDatasetOne() throws Exception {
        ServeConfig c = ServeConfig.of(config("serve: {variants: {a: 1, b: 3}, adminToken: t}\n"), null);
        assertThat(c.shares()).containsExactly(java.util.Map.entry("a", 0.25), java.util.Map.entry("b", 0.75));
        assertThat(c.adminToken()).isEqualTo("t");
        assertThat(c.feedbackFile()).isEqualTo(BASE.resolve("online.log"));
        assertThat(c.mergedOnTrain()).isTrue();
    }

    @Test
    void withoutAServeSectionTheFirstVariantServesAndTheTokenComesFromTheEnvironment() throws Exception {
        ServeConfig c = ServeConfig.of(config(""), "from-env");
        assertThat(c.shares()).containsOnlyKeys("a");
        assertThat(c.adminToken()).isEqualTo("from-env");
        assertThat(ServeConfig.of(config(""), null).adminToken()).isNull();
    }

    @Test
    void historyIsExcludedAndUnknownUsersGetPopularityByDefault() throws Exception {
        ServeConfig defaults = ServeConfig.of(config(""), null);
        assertThat(defaults.excludeHistory()).isTrue();
        assertThat(defaults.unknownUser()).isEqualTo(UnknownUserPolicy.POPULARITY);
        ServeConfig set = ServeConfig.of(config("serve: {excludeHistory: false, unknownUser: Empty}\n"), null);
        assertThat(set.excludeHistory()).isFalse();
        assertThat(set.unknownUser()).isEqualTo(UnknownUserPolicy.EMPTY);
        assertThatThrownBy(() -> ServeConfig.of(config("serve: {excludeHistory: maybe, unknownUser: random}\n"),
                null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("serve.excludeHistory: expected true or false, got \"maybe\"")
                .hasMessageContaining("serve.unknownUser: expected popularity, empty or error, got \"random\"");
    }

    @Test
    void problemsNameTheirPath() throws Exception {
        assertThatThrownBy(() -> ServeConfig.of(config("serve: {variants: {a: 0.5, c: 0.5}, maxBodyBytes: 1, "
                + "port: 3}\n"), null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("serve.variants.c: no variant named 'c'; declared: [a, b]")
                .hasMessageContaining("serve.maxBodyBytes: expected a number of bytes >= 1024")
                .hasMessageContaining("serve.port: unknown key");
        assertThatThrownBy(() -> ServeConfig.of(config("serve: {variants: {a: -1}}\n"), null))
                .hasMessageContaining("serve.variants.a: expected a share >= 0");
    }
}
