package dev.braid.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braid.api.kind.ComponentKind;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.ScoredItem;
import dev.braid.runtime.generation.BuildOutcome;
import dev.braid.runtime.generation.Generation;
import dev.braid.runtime.generation.GenerationManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Starts the real runtime (embedded Felix) from the built distribution's bundles, keeps a pipeline live, and
 * changes plugins and configuration underneath it: the acceptance test of hot deployment and generations.
 */
class HotDeployIT extends LiveRuntimeFixture {
    private static final String GENERATORS = """
            generators:
              - popularity
              - {name: rules, excludeSeen: false}
            """;

    private Path home;
    @BeforeEach
    void start() throws Exception {
        braid = LiveRuntime.start(dir, i -> i % 2 == 0 ? "Drama" : "Comedy", LiveRuntime.HomeSetup.NONE, true)
                .serve(GENERATORS);
        home = braid.home();
    }

    private void writeConfig(String extraGenerators) throws Exception {
        braid.writeConfig(GENERATORS + extraGenerators);
    }

    private GenerationManager manager() {
        return braid.manager();
    }

    private List<ScoredItem> top(int k) {
        return manager().call(g -> g.recommend(Query.forUser("u10"), k));
    }

    private int liveNumber() {
        return manager().live().orElseThrow().number();
    }

    @Test
    void aNewPluginVersionDroppedIntoPluginsIsUsedByTheNextGeneration() throws Exception {
        Generation first = manager().live().orElseThrow();
        assertThat(first.describeComponents()).anyMatch(s -> s.contains("popularity") && s.contains("0.1.0"));
        assertThat(top(3)).extracting(ScoredItem::itemId).containsExactly("i1", "i2", "i3");

        long t0 = System.nanoTime();
        Distribution.withVersion(Distribution.shippedBundle("braid-popularity"), "9.0.0",
                home.resolve("plugins/braid-popularity-9.0.0.jar"));
        braid.await(() -> manager().live().orElseThrow().describeComponents().stream()
                .anyMatch(s -> s.contains("popularity") && s.contains(" 9.0.0")), "generation with popularity 9.0.0");
        long millis = (System.nanoTime() - t0) / 1_000_000;
        System.err.println("new plugin version live after " + millis + " ms");

        Generation next = manager().live().orElseThrow();
        assertThat(next.number()).isGreaterThan(first.number());
        // The rules generator did not change: its fitted instance was reused, not rebuilt.
        assertThat(next.reused()).containsEntry("generators[1]", true).containsEntry("generators[0]", false);
        first.closedFuture().get(LiveRuntime.DEADLINE.toSeconds(), TimeUnit.SECONDS); // once nothing uses it
        assertThat(top(3)).extracting(ScoredItem::itemId).containsExactly("i1", "i2", "i3");
    }

    @Test
    void removingAPluginInUseKeepsThePreviousGenerationServingAndSaysWhy() throws Exception {
        Files.copy(Distribution.testBundle("probe"), home.resolve("plugins/probe.jar"));
        braid.awaitComponent(ComponentKind.GENERATOR, "probe", true);
        writeConfig("  - {name: probe, item: i7}\n");
        braid.await(() -> top(1).get(0).itemId().equals("i7"), "the probe boosts i7 to the top");
        int serving = liveNumber();

        Files.delete(home.resolve("plugins/probe.jar"));
        braid.await(() -> manager().lastOutcome().map(o -> !o.succeeded()).orElse(false),
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
        braid.awaitComponent(ComponentKind.GENERATOR, "faulty", true);
        int attempts = manager().history().size();
        writeConfig("  - faulty\n");
        braid.await(() -> manager().history().size() > attempts
                && !manager().lastOutcome().orElseThrow().succeeded(), "the build with the faulty plugin fails");
        assertThat(manager().lastOutcome().orElseThrow().error())
                .contains("'faulty'", "generators[2]", "dev.braid.test.faulty", "model file /nonexistent/faulty.bin is missing");
        assertThat(liveNumber()).isEqualTo(serving);
        assertThat(top(5).stream().map(ScoredItem::itemId).toList()).isEqualTo(before);
    }
}
