package dev.braid.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braid.api.kind.ComponentKind;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.ScoredItem;
import dev.braid.runtime.BraidHome;
import dev.braid.runtime.BraidRuntime;
import dev.braid.runtime.generation.Generation;
import dev.braid.runtime.pipeline.LivePipeline;
import dev.braid.testkit.Await;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The third-party plugin in {@code distribution/examples/braid-example-plugin} (its own pom, the API its only
 * dependency, the test kit at test scope) is built with Maven, offline, against the API and test kit this build just
 * made, running its contract tests; its jar is dropped into a running Braid's {@code plugins/}, and the next
 * generation uses its encoder, fusion strategy and generator; and {@code braid plugins}
 * lists it in the command that first sees it.
 */
@Tag("slow")
class ExamplePluginIT {
    @TempDir
    static Path buildDir;
    private static Path exampleJar;

    @TempDir
    Path dir;

    @Test
    void braidPluginsListsAJarCopiedIntoPluginsJustBefore() throws Exception {
        Path home = Distribution.freshHome(dir);
        Files.copy(example(), home.resolve("plugins/braid-example-plugin.jar"));

        Launcher.Result r = Launcher.run(dir.resolve("cache"), 120, "plugins", "--home", home.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).containsPattern("word-shape\\s+encoder\\s+text\\s+com\\.example\\.braid\\s+1\\.0\\.0")
                .containsPattern("more-like\\s+generator\\s+-\\s+com\\.example\\.braid")
                .containsPattern("plugins/braid-example-plugin\\.jar\\s+com\\.example\\.braid 1\\.0\\.0\\s+.*more-like")
                .containsPattern("bundles/braid-popularity-\\S+\\.jar\\s+dev\\.braid\\.plugin\\.popularity \\S+\\s+popularity");

        // A jar that is no bundle is listed with the reason, and the command says something failed.
        Files.write(home.resolve("plugins/broken.jar"), new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'j', 'a', 'r'});
        Launcher.Result broken = Launcher.run(dir.resolve("cache"), 120, "plugins", "--home", home.toString());
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.stdout()).containsPattern("plugins/broken\\.jar\\s+-\\s+FAILED: \\S+")
                .containsPattern("plugins/braid-example-plugin\\.jar\\s+com\\.example\\.braid 1\\.0\\.0\\s+.*word-shape");
    }

    @Test
    void theExamplePluginBuiltOutsideTheTreeIsHotDeployedAndUsed() throws Exception {
        Path jar = example();

        Path home = Distribution.freshHome(dir);
        Path data = Files.createDirectories(dir.resolve("data"));
        StringBuilder catalog = new StringBuilder("id\ttitle\n");
        String[] titles = {"Red apple pie", "Green apple tart", "Blue whale song", "Deep ocean waves", "Apple crumble",
            "Whale watching", "Ocean breeze", "Cherry pie", "Grey whale migration", "Pie crust basics"};
        for (int i = 0; i < titles.length; i++) {
            catalog.append("i").append(i + 1).append('\t').append(titles[i]).append('\n');
        }
        Files.writeString(data.resolve("catalog.tsv"), catalog);
        StringBuilder interactions = new StringBuilder("user\titem\trating\n");
        for (int u = 1; u <= 5; u++) {
            for (int i = 1; i <= 6 - u; i++) {
                interactions.append("u").append(u).append("\ti").append(i).append("\t5\n");
            }
        }
        Files.writeString(data.resolve("interactions.tsv"), interactions);
        Path config = dir.resolve("live.yaml");
        String dataset = """
                dataset:
                  type: tabular
                  catalog: {file: data/catalog.tsv, id: id, title: title, text: [title]}
                  interactions: {file: data/interactions.tsv, user: user, item: item, rating: rating}
                """;
        Files.writeString(config, dataset + "generators: [popularity]\n");

        try (BraidRuntime runtime = BraidRuntime.start(new BraidHome(home, dir.resolve("cache")), true);
             LivePipeline live = LivePipeline.start(runtime, config, null)) {
            assertThat(top(live)).startsWith("i1");
            Files.copy(jar, home.resolve("plugins/.example.tmp"));
            Files.move(home.resolve("plugins/.example.tmp"), home.resolve("plugins/braid-example-plugin.jar"),
                    StandardCopyOption.ATOMIC_MOVE);
            Await.until(() -> runtime.registry().names(ComponentKind.GENERATOR).contains("more-like"),
                    "more-like registered");

            Path tmp = dir.resolve("live.yaml.tmp");
            Files.writeString(tmp, dataset + """
                    encoders: {text: {name: word-shape, dimension: 32}}
                    fusion: mean
                    generators:
                      - popularity
                      - {name: more-like, seed: i3, weight: 100}
                    """);
            Files.move(tmp, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Await.until(() -> live.generations().live().orElseThrow().describeComponents().stream()
                    .anyMatch(s -> s.contains("more-like") && s.contains("com.example.braid 1.0.0")),
                    "a generation with the example's components");

            Generation g = live.generations().live().orElseThrow();
            assertThat(g.describeComponents()).anyMatch(s -> s.contains("word-shape") && s.contains("com.example.braid"))
                    .anyMatch(s -> s.contains("'mean'") && s.contains("com.example.braid"));
            assertThat(g.features().fused().orElseThrow().dim()).isEqualTo(32);
            // The seed's look-alikes (the whale titles) now rank first.
            List<String> top = top(live);
            assertThat(top.get(0)).isEqualTo("i3");
            assertThat(top.subList(1, 3)).containsAnyOf("i6", "i9");
        }
    }

    private static List<String> top(LivePipeline live) {
        return live.generations().call(g -> g.recommend(Query.forUser("u5"), 3)).stream().map(ScoredItem::itemId)
                .toList();
    }

    private static synchronized Path example() throws Exception {
        if (exampleJar == null) {
            exampleJar = buildExample(buildDir);
        }
        return exampleJar;
    }

    /**
     * Builds the example with {@code mvn -o package} (its tests included) in a copy. Its dependencies braid-api and
     * braid-api-testkit come from a scratch local repository holding the jars this build produced; every other path
     * of that repository links to the user's, so the Maven plugins resolve offline and nothing is written into the
     * user's dev/braid.
     */
    private static Path buildExample(Path dir) throws Exception {
        String version = System.getProperty("braid.version");
        Path apiJar = Path.of(System.getProperty("braid.api.jar"));
        assertThat(apiJar).as("the API jar (run 'mvn verify')").isRegularFile();
        Path kitJar = Path.of(System.getProperty("braid.api.testkit.jar"));
        assertThat(kitJar).as("the test kit jar (run 'mvn verify')").isRegularFile();
        Path userRepo = Path.of(System.getProperty("braid.m2", System.getProperty("user.home") + "/.m2/repository"));
        Path repo = dir.resolve("m2");
        linkAllBut(userRepo, repo, "dev");
        linkAllBut(userRepo.resolve("dev"), repo.resolve("dev"), "braid");
        stage(repo, "braid-api", version, apiJar, "");
        stage(repo, "braid-api-testkit", version, kitJar, """
                <dependencies>
                <dependency><groupId>dev.braid</groupId><artifactId>braid-api</artifactId><version>%s</version></dependency>
                <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter-api</artifactId>
                <version>%s</version></dependency>
                </dependencies>""".formatted(version, System.getProperty("junit.version")));

        Path project = dir.resolve("example");
        Distribution.copyTree(Path.of(System.getProperty("braid.examples")).resolve("braid-example-plugin"), project);
        deleteTree(project.resolve("target"));
        List<String> cmd = new ArrayList<>(List.of("mvn", "-o", "-q", "-B", "-ntp", "-Dmaven.repo.local=" + repo,
                "-Dbraid.version=" + version, "package"));
        Path log = dir.resolve("example-build.log");
        Process p = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the example build did not finish in 600 s");
        }
        assertThat(p.exitValue()).as("mvn package of the example:\n" + Files.readString(log)).isZero();
        Path jar = project.resolve("target/braid-example-plugin-1.0.0.jar");
        assertThat(jar).isRegularFile();
        return jar;
    }

    /** Puts a jar and a minimal pom (with {@code dependencies}, possibly empty) into a local repository. */
    private static void stage(Path repo, String artifact, String version, Path jar, String dependencies)
            throws IOException {
        Path dir = Files.createDirectories(repo.resolve("dev/braid/" + artifact + "/" + version));
        Files.copy(jar, dir.resolve(artifact + "-" + version + ".jar"));
        Files.writeString(dir.resolve(artifact + "-" + version + ".pom"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
                <groupId>dev.braid</groupId><artifactId>%s</artifactId><version>%s</version>%s</project>
                """.formatted(artifact, version, dependencies));
    }

    private static void linkAllBut(Path from, Path to, String except) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) {
            return;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(from)) {
            for (Path p : s) {
                if (!p.getFileName().toString().equals(except)) {
                    Files.createSymbolicLink(to.resolve(p.getFileName().toString()), p);
                }
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.exists(p)) {
            try (var s = Files.walk(p)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
