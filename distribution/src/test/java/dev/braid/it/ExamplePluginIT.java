package dev.braid.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braid.api.kind.ComponentKind;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.ScoredItem;
import dev.braid.runtime.BraidHome;
import dev.braid.runtime.BraidRuntime;
import dev.braid.runtime.generation.Generation;
import dev.braid.runtime.pipeline.LivePipeline;
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
 * The third-party plugin in {@code examples/braid-example-plugin} (its own pom, the API its only dependency) is
 * built with Maven, offline, against the API this build just made; its jar is dropped into a running Braid's
 * {@code plugins/}, and the next generation uses its encoder, fusion strategy and generator.
 */
@Tag("slow")
class ExamplePluginIT {
    @TempDir
    Path dir;

    @Test
    void theExamplePluginBuiltOutsideTheTreeIsHotDeployedAndUsed() throws Exception {
        Path jar = buildExample();

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
            await(() -> runtime.registry().names(ComponentKind.GENERATOR).contains("more-like"), "more-like registered");

            Path tmp = dir.resolve("live.yaml.tmp");
            Files.writeString(tmp, dataset + """
                    encoders: {text: {name: word-shape, dimension: 32}}
                    fusion: mean
                    generators:
                      - popularity
                      - {name: more-like, seed: i3, weight: 100}
                    """);
            Files.move(tmp, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            await(() -> live.generations().live().orElseThrow().describeComponents().stream()
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

    /**
     * Builds the example with {@code mvn -o package} in a copy. Its only dependency, braid-api, comes from a
     * scratch local repository holding the API jar this build produced; every other path of that repository links
     * to the user's, so the Maven plugins resolve offline and nothing is written into the user's dev/braid.
     */
    private Path buildExample() throws Exception {
        String version = System.getProperty("braid.version");
        Path apiJar = Path.of(System.getProperty("braid.api.jar"));
        assertThat(apiJar).as("the API jar (run 'mvn verify')").isRegularFile();
        Path userRepo = Path.of(System.getProperty("braid.m2", System.getProperty("user.home") + "/.m2/repository"));
        Path repo = dir.resolve("m2");
        linkAllBut(userRepo, repo, "dev");
        linkAllBut(userRepo.resolve("dev"), repo.resolve("dev"), "braid");
        Path api = Files.createDirectories(repo.resolve("dev/braid/braid-api/" + version));
        Files.copy(apiJar, api.resolve("braid-api-" + version + ".jar"));
        Files.writeString(api.resolve("braid-api-" + version + ".pom"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
                <groupId>dev.braid</groupId><artifactId>braid-api</artifactId><version>%s</version></project>
                """.formatted(version));

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

    private static void await(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < end) {
            if (c.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not within 10 s: " + what);
    }
}
