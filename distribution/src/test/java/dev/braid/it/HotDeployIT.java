package dev.braid.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braid.api.generator.Query;
import dev.braid.api.generator.ScoredItem;
import dev.braid.runtime.BraidHome;
import dev.braid.runtime.BraidRuntime;
import dev.braid.runtime.generation.BuildOutcome;
import dev.braid.runtime.generation.Generation;
import dev.braid.runtime.generation.GenerationManager;
import dev.braid.runtime.pipeline.LivePipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the real runtime (embedded Felix) from the built distribution's bundles, keeps a pipeline live, and
 * changes plugins and configuration underneath it: the acceptance test of hot deployment and generations.
 */
class HotDeployIT {
    @TempDir
    Path dir;

    private Path home;
    private Path config;
    private BraidRuntime runtime;
    private LivePipeline live;

    @BeforeEach
    void start() throws Exception {
        home = Distribution.freshHome(dir);
        Distribution.writeStaircaseData(dir, i -> i % 2 == 0 ? "Drama" : "Comedy");
        config = dir.resolve("live.yaml");
        writeConfig("");
        runtime = BraidRuntime.start(new BraidHome(home, dir.resolve("cache")), true);
        live = LivePipeline.start(runtime, config, null);
    }

    @AfterEach
    void stop() {
        if (live != null) {
            live.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    private void writeConfig(String extraGenerators) throws Exception {
        String yaml = """
                name: live
                dataset:
                  type: tabular
                  catalog: {file: data/catalog.tsv, id: id, title: title, attributes: [genre]}
                  interactions: {file: data/interactions.tsv, user: user, item: item, rating: rating}
                generators:
                  - popularity
                  - {name: rules, excludeSeen: false}
                """ + extraGenerators;
        Path tmp = dir.resolve("live.yaml.tmp");
        Files.writeString(tmp, yaml);
        Files.move(tmp, config, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private GenerationManager manager() {
        return live.generations();
    }

    private List<ScoredItem> top(int k) {
        return manager().call(g -> g.recommend(Query.forUser("u10"), k));
    }

    private int liveNumber() {
        return manager().live().orElseThrow().number();
    }

    private static void await(Duration limit, BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not within " + limit.toMillis() + " ms: " + what);
    }

    @Test
    void aNewPluginVersionDroppedIntoPluginsIsUsedByTheNextGenerationWithinFiveSeconds() throws Exception {
        Generation first = manager().live().orElseThrow();
        assertThat(first.describeComponents()).anyMatch(s -> s.contains("popularity") && s.contains("0.1.0"));
        assertThat(top(3)).extracting(ScoredItem::itemId).containsExactly("i1", "i2", "i3");

        long t0 = System.nanoTime();
        Distribution.withVersion(Distribution.shippedBundle("braid-popularity"), "9.0.0",
                home.resolve("plugins/braid-popularity-9.0.0.jar"));
        await(Duration.ofSeconds(5), () -> manager().live().orElseThrow().describeComponents().stream()
                .anyMatch(s -> s.contains("popularity") && s.contains(" 9.0.0")), "generation with popularity 9.0.0");
        long millis = (System.nanoTime() - t0) / 1_000_000;
        System.err.println("new plugin version live after " + millis + " ms");

        Generation next = manager().live().orElseThrow();
        assertThat(next.number()).isGreaterThan(first.number());
        // The rules generator did not change: its fitted instance was reused, not rebuilt.
        assertThat(next.reused()).containsEntry("generators[1]", true).containsEntry("generators[0]", false);
        await(Duration.ofSeconds(5), first::isClosed, "the old generation closes once nothing uses it");
        assertThat(top(3)).extracting(ScoredItem::itemId).containsExactly("i1", "i2", "i3");
    }

    @Test
    void removingAPluginInUseKeepsThePreviousGenerationServingAndSaysWhy() throws Exception {
        Files.copy(Distribution.testBundle("probe"), home.resolve("plugins/probe.jar"));
        await(Duration.ofSeconds(5), () -> runtime.registry().names(dev.braid.api.kind.ComponentKind.GENERATOR)
                .contains("probe"), "probe registered");
        writeConfig("  - {name: probe, item: i7}\n");
        await(Duration.ofSeconds(5), () -> top(1).get(0).itemId().equals("i7"), "the probe boosts i7 to the top");
        int serving = liveNumber();

        Files.delete(home.resolve("plugins/probe.jar"));
        await(Duration.ofSeconds(5), () -> manager().lastOutcome().map(o -> !o.succeeded()).orElse(false),
                "a failed rebuild after the removal");
        BuildOutcome failed = manager().lastOutcome().orElseThrow();
        assertThat(failed.error()).contains("generators[2].name", "unknown generator 'probe'",
                "dev.braid.test.probe 1.0.0, which is no longer installed");
        assertThat(liveNumber()).isEqualTo(serving);
        assertThat(top(1).get(0).itemId()).as("the previous generation still serves, probe included")
                .isEqualTo("i7");
    }

    @Test
    void aPluginThatThrowsInItsConstructorIsReportedByNameAndTheLiveGenerationIsUntouched() throws Exception {
        int serving = liveNumber();
        List<String> before = top(5).stream().map(ScoredItem::itemId).toList();
        Files.copy(Distribution.testBundle("faulty"), home.resolve("plugins/faulty.jar"));
        await(Duration.ofSeconds(5), () -> runtime.registry().names(dev.braid.api.kind.ComponentKind.GENERATOR)
                .contains("faulty"), "faulty registered");
        int attempts = manager().history().size();
        writeConfig("  - faulty\n");
        await(Duration.ofSeconds(5), () -> manager().history().size() > attempts
                && !manager().lastOutcome().orElseThrow().succeeded(), "the build with the faulty plugin fails");
        assertThat(manager().lastOutcome().orElseThrow().error())
                .contains("'faulty'", "generators[2]", "dev.braid.test.faulty", "model file /nonexistent/faulty.bin is missing");
        assertThat(liveNumber()).isEqualTo(serving);
        assertThat(top(5).stream().map(ScoredItem::itemId).toList()).isEqualTo(before);
    }
}
