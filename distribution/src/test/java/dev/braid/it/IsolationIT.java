package dev.braid.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braid.api.kind.ComponentKind;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.ScoredItem;
import dev.braid.runtime.generation.BuildOutcome;
import dev.braid.runtime.generation.GenerationManager;
import dev.braid.runtime.generation.ThreadLeak;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plugins that misbehave (distribution/test-bundles/misbehaving) in a running Braid: wrong vector dimensions, a
 * hang while building or scoring, threads left behind. Each is reported by component name with the reason, the
 * live generation keeps serving, and the runtime goes on building generations.
 */
class IsolationIT extends LiveRuntimeFixture {
    private static final String[] TIMEOUTS = {"braid.timeout.build", "braid.timeout.call", "braid.timeout.leakGrace"};

    @BeforeEach
    void start() throws Exception {
        System.setProperty("braid.timeout.build", "2s");
        System.setProperty("braid.timeout.call", "1000ms");
        System.setProperty("braid.timeout.leakGrace", "200ms");
        braid = LiveRuntime.start(dir, i -> i % 2 == 0 ? "Drama" : "Comedy", LiveRuntime.HomeSetup.NONE, true)
                .serve(body("", ""));
        Files.copy(Distribution.testBundle("misbehaving"), braid.home().resolve("plugins/misbehaving.jar"));
        braid.awaitComponent(ComponentKind.GENERATOR, "hang", true);
    }

    @AfterEach
    void clearTimeouts() {
        for (String p : TIMEOUTS) {
            System.clearProperty(p);
        }
    }

    private static String body(String encoders, String extraGenerators) {
        return encoders + """
                generators:
                  - popularity
                  - {name: rules, excludeSeen: false}
                """ + extraGenerators;
    }

    private GenerationManager manager() {
        return braid.manager();
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
        braid.writeConfig(body(encoders, extraGenerators));
        braid.await(() -> manager().history().stream().skip(attempts)
                .anyMatch(o -> o.reason().contains("live.yaml")), "a build after the configuration change");
        return manager().history().stream().skip(attempts).filter(o -> o.reason().contains("live.yaml"))
                .findFirst().orElseThrow();
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
        assertThat(millis).as("reported once the build timeout has passed").isGreaterThanOrEqualTo(2000L);
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
        assertThat(braid.live().services().leaks().leaks()).isEmpty();

        BuildOutcome without = rebuildWith("", "");
        assertThat(without.succeeded()).as(String.valueOf(without.error())).isTrue();
        braid.await(() -> !braid.live().services().leaks().leaks().isEmpty(),
                "a leak report after the leaky generation closed");
        ThreadLeak leak = braid.live().services().leaks().leaks().get(0);
        assertThat(leak.component()).contains("'leaky' (generator) from dev.braid.test.misbehaving 1.0.0");
        assertThat(leak.threads()).containsExactly("leaky-poller");
        assertThat(top(3)).containsExactly("i1", "i2", "i3");
    }
}
