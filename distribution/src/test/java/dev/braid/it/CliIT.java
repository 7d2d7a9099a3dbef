package dev.braid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher and the CLI's contract: listings, exit codes, and error messages that name the problem. */
class CliIT {
    @TempDir
    Path dir;

    @Test
    void pluginsListsEveryShippedComponentWithItsBundle() throws Exception {
        Launcher.Result r = Launcher.run(dir.resolve("cache"), 60, "plugins");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).containsPattern("tfidf\\s+encoder\\s+text\\s+dev\\.braid\\.plugin\\.text")
                .containsPattern("color-histogram\\s+encoder\\s+image\\s+dev\\.braid\\.plugin\\.image")
                .containsPattern("audio-stats\\s+encoder\\s+audio\\s+dev\\.braid\\.plugin\\.audio")
                .containsPattern("concat\\s+fusion\\s+-\\s+dev\\.braid\\.plugin\\.fusion")
                .containsPattern("popularity\\s+generator\\s+-\\s+dev\\.braid\\.plugin\\.popularity")
                .containsPattern("rules\\s+generator\\s+-\\s+dev\\.braid\\.plugin\\.rules")
                .containsPattern("llm-rerank\\s+generator\\s+-\\s+dev\\.braid\\.plugin\\.llm")
                .containsPattern("llm-explain\\s+generator\\s+-\\s+dev\\.braid\\.plugin\\.llm");
    }

    @Test
    void pluginsVerboseShowsParametersFromTheTypedConfiguration() throws Exception {
        Launcher.Result r = Launcher.run(dir.resolve("cache"), 60, "plugins", "--verbose");
        assertThat(r.exitCode()).isZero();
        // name, type, default, description, under the component they belong to
        assertThat(r.stdout()).containsPattern("dimension\\s+int\\s+= 4096\\s+vector dimension \\(hash buckets\\)")
                .containsPattern("lowercase\\s+boolean\\s+= true\\s+lower-case the text first")
                .containsPattern("include\\s+Map<String, List<String>>\\s+= \\{\\}\\s+attribute -> accepted values")
                .containsPattern("(?s)rules\\s+generator.*excludeSeen\\s+boolean\\s+= true");
    }

    /** {@code braid run --config f} refuses the file with exit code 2 and these words on stderr. */
    private void assertRunExitsTwoSaying(Path f, String... words) throws Exception {
        Launcher.Result r = Launcher.run(dir.resolve("cache"), 60, "run", "--config", f.toString());
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(2);
        assertThat(r.stderr()).contains(words);
    }

    private Path config(String yaml) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private static final String GOOD_TAIL = """
            fusion: concat
            generators: [content-profile]
            """;

    @Test
    void anUnknownEncoderExitsTwoAndListsTheAvailableOnes() throws Exception {
        Path f = config("dataset: {type: demo, items: 100, users: 20}\nencoders: {text: bert}\n" + GOOD_TAIL);
        Launcher.Result r = Launcher.run(dir.resolve("cache"), 60, "run", "--config", f.toString(), "--json-out",
                dir.resolve("out.json").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("encoders.text.name: unknown encoder 'bert'; available:", "tfidf");
        assertThat(dir.resolve("out.json")).as("nothing written").doesNotExist();
    }

    @Test
    void aWrongTypeExitsTwoWithThePathOfTheParameter() throws Exception {
        Path f = config("""
                dataset: {type: demo, items: 100, users: 20}
                encoders: {text: tfidf, image: color-histogram}
                fusion: {name: concat}
                generators: [content-profile]
                variants:
                  - {name: a}
                  - {name: b}
                  - {name: c, fusion: {name: concat, weights: {image: heavy}}}
                """);
        assertRunExitsTwoSaying(f, "variants[2].fusion.weights.image: expected a number");
    }

    @Test
    void anUnknownBaselineExitsTwoAndListsTheVariants() throws Exception {
        Path f = config("""
                dataset: {type: demo, items: 100, users: 20}
                encoders: {text: tfidf}
                fusion: {name: concat}
                generators: [content-profile]
                variants:
                  - {name: a}
                  - {name: b}
                evaluation: {baseline: c}
                """);
        assertRunExitsTwoSaying(f, "evaluation.baseline: no variant named 'c'; variants: a, b");
    }

    @Test
    void aMissingFileExitsTwoAndNamesIt() throws Exception {
        Path f = config("""
                dataset: {type: movielens, path: no/such/folder}
                generators: [popularity]
                """);
        assertRunExitsTwoSaying(f, "dataset.path: folder not found:", "no/such/folder");

        assertRunExitsTwoSaying(dir.resolve("absent.yaml"), "file not found", "absent.yaml");
    }

    @Test
    void helpWorksEverywhere() throws Exception {
        for (String cmd : new String[] {"run", "demo", "plugins"}) {
            Launcher.Result r = Launcher.run(dir.resolve("cache"), 60, cmd, "--help");
            assertThat(r.exitCode()).as(cmd).isZero();
            assertThat(r.stdout()).as(cmd).contains("Usage: braid " + cmd);
        }
    }
}
