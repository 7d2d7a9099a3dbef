package dev.braid.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braid.api.kind.ComponentKind;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.ScoredItem;
import dev.braid.runtime.BraidHome;
import dev.braid.runtime.BraidRuntime;
import dev.braid.runtime.generation.BuildOutcome;
import dev.braid.runtime.generation.GenerationManager;
import dev.braid.runtime.generation.ThreadLeak;
import dev.braid.runtime.pipeline.LivePipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins that misbehave (distribution/test-bundles/misbehaving) in a running Braid: wrong vector dimensions, a
 * hang while building or scoring, threads left behind. Each is reported by component name with the reason, the
 * live generation keeps serving, and the runtime goes on building generations.
 */
class IsolationIT {
    private static final String[] TIMEOUTS = {"braid.timeout.build", "braid.timeout.call", "braid.timeout.leakGrace"};

    @TempDir
    Path dir;

    private Path home;
    private Path config;
    private BraidRuntime runtime;
    private LivePipeline live;

    @BeforeEach
    void start() throws Exception {
        System.setProperty("braid.timeout.build", "2s");
        System.setProperty("braid.timeout.call", "1000ms");
        System.setProperty("braid.timeout.leakGrace", "200ms");
        home = Distribution.freshHome(dir);
        Distribution.writeStaircaseData(dir, i -> i % 2 == 0 ? "Drama" : "Comedy");
        config = dir.resolve("live.yaml");
        writeConfig("", "");
        runtime = BraidRuntime.start(new BraidHome(home, dir.resolve("cache")), true);
        live = LivePipeline.start(runtime, config, null);
        Files.copy(Distribution.testBundle("misbehaving"), home.resolve("plugins/misbehaving.jar"));
        await(() -> runtime.registry().names(ComponentKind.GENERATOR).contains("hang"), "misbehaving registered");
    }

    @AfterEach
    void stop() {
        if (live != null) {
            live.close();
        }
        if (runtime != null) {
            runtime.close();
        }
        for (String p : TIMEOUTS) {
            System.clearProperty(p);
        }
    }

    private void writeConfig(String encoders, String extraGenerators) throws Exception {
        String yaml = """
                name: live
                dataset:
                  type: tabular
                  catalog: {file: data/catalog.tsv, id: id, title: title, text: [title], attributes: [genre]}
                  interactions: {file: data/interactions.tsv, user: user, item: item, rating: rating}
                """ + encoders + """
                generators:
                  - popularity
                  - {name: rules, excludeSeen: false}
                """ + extraGenerators;
        Path tmp = dir.resolve("live.yaml.tmp");
        Files.writeString(tmp, yaml);
        Files.move(tmp, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private GenerationManager manager() {
        return live.generations();
    }

    private List<String> top(int k) {
        return manager().call(g -> g.recommend(Query.forUser("u10"), k)).stream().map(ScoredItem::itemId).toList();
    }

    private int liveNumber() {
        return manager().live().orElseThrow().number();
    }

    /** Changes the configuration and waits for the build it triggers; returns its outcome. */
    private BuildOutcome rebuildWith(String encoders, String extraGenerators) throws Exception {
        int attempts = manager().history().size();
        writeConfig(encoders, extraGenerators);
        await(() -> manager().history().stream().skip(attempts).anyMatch(o -> o.reason().contains("live.yaml")),
                "a build after the configuration change");
        return manager().history().stream().skip(attempts).filter(o -> o.reason().contains("live.yaml"))
                .findFirst().orElseThrow();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not within 10 s: " + what);
    }

    @Test
    void anEncoderReturningVectorsOfTheWrongDimensionIsNamedAndTheLiveGenerationServes() throws Exception {
        int serving = liveNumber();
        List<String> before = top(5);
        BuildOutcome failed = rebuildWith("encoders: {text: wrong-dimension}\n", "");
        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.error()).contains("'wrong-dimension' (encoder) from dev.braid.test.misbehaving 1.0.0",
                "encoders.text", "returned a vector of dimension 3", "declares dimension 8");
        assertThat(liveNumber()).isEqualTo(serving);
        assertThat(top(5)).isEqualTo(before);
    }

    @Test
    void aGeneratorThatHangsInFitFailsItsBuildAfterTheTimeoutAndBuildsGoOn() throws Exception {
        int serving = liveNumber();
        long t0 = System.nanoTime();
        BuildOutcome failed = rebuildWith("", "  - {name: hang, in: fit}\n");
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.error()).contains("'hang' (generator) from dev.braid.test.misbehaving 1.0.0",
                "generators[2]", "did not finish building within 2000 ms");
        assertThat(millis).as("reported after the build timeout, not never").isBetween(1900L, 9000L);
        assertThat(liveNumber()).isEqualTo(serving);
        assertThat(top(3)).containsExactly("i1", "i2", "i3");

        // The hung thread does not block the next build.
        BuildOutcome next = rebuildWith("", "  - {name: rules, boosts: []}\n");
        assertThat(next.succeeded()).as(String.valueOf(next.error())).isTrue();
        assertThat(liveNumber()).isGreaterThan(serving);
    }

    @Test
    void aGeneratorThatHangsInItsConstructorIsNamed() throws Exception {
        int serving = liveNumber();
        BuildOutcome failed = rebuildWith("", "  - {name: hang, in: constructor}\n");
        assertThat(failed.error()).contains("'hang' (generator)", "did not finish building within 2000 ms");
        assertThat(liveNumber()).isEqualTo(serving);
        assertThat(top(3)).containsExactly("i1", "i2", "i3");
    }

    @Test
    void aGeneratorThatHangsWhenScoringNeverGoesLiveAndAHangingCallIsCutOffWithItsName() throws Exception {
        int serving = liveNumber();
        BuildOutcome failed = rebuildWith("", "  - {name: hang, in: score}\n");
        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.error()).contains("generator 'hang' (generator) from dev.braid.test.misbehaving 1.0.0",
                "at generators[2]", "(score) did not return within 1000 ms");
        assertThat(liveNumber()).isEqualTo(serving);
        assertThat(top(3)).containsExactly("i1", "i2", "i3");
    }

    @Test
    void threadsLeftRunningByARemovedComponentAreReportedByName() throws Exception {
        BuildOutcome withLeaky = rebuildWith("", "  - leaky\n");
        assertThat(withLeaky.succeeded()).as(String.valueOf(withLeaky.error())).isTrue();
        assertThat(live.services().leaks().leaks()).isEmpty();

        BuildOutcome without = rebuildWith("", "");
        assertThat(without.succeeded()).as(String.valueOf(without.error())).isTrue();
        await(() -> !live.services().leaks().leaks().isEmpty(), "a leak report after the leaky generation closed");
        ThreadLeak leak = live.services().leaks().leaks().get(0);
        assertThat(leak.component()).contains("'leaky' (generator) from dev.braid.test.misbehaving 1.0.0");
        assertThat(leak.threads()).containsExactly("leaky-poller");
        assertThat(top(3)).containsExactly("i1", "i2", "i3");
    }
}
