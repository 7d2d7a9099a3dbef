package dev.braid.runtime.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.runtime.inject.ComponentBuildException;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class CallGuardTest {
    private final CallGuard guard = new CallGuard(new Timeouts(Duration.ofMillis(300), Duration.ofMillis(200),
            Duration.ZERO));

    @Test
    void aHangingCallIsCutOffAfterTheLimitNamingTheComponent() {
        CountDownLatch never = new CountDownLatch(1);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> guard.call(() -> "generator 'slow' at generators[0] (score)", () -> {
            never.await();
            return null;
        })).isInstanceOf(ComponentCallException.class)
                .hasMessage("generator 'slow' at generators[0] (score) did not return within 200 ms");
        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(150L, 2000L);
    }

    @Test
    void aThrowingCallIsWrappedWithTheComponentNameAndTheReason() {
        assertThatThrownBy(() -> guard.call(() -> "generator 'x'", () -> {
            throw new IllegalStateException("index 7 out of bounds");
        })).isInstanceOf(ComponentCallException.class).hasMessage("generator 'x' failed: index 7 out of bounds");
        assertThat(guard.call(() -> "y", () -> 42)).isEqualTo(42);
    }

    @Test
    void aHangingBuildFailsWithTheComponentNamed() {
        assertThatThrownBy(() -> guard.build("'hang' (generator) at generators[1]", null, () -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        })).isInstanceOf(ComponentBuildException.class)
                .hasMessage("'hang' (generator) at generators[1] did not finish building within 300 ms "
                        + "(constructor, fit or encode hangs)");
    }

    @Test
    void threadsOfAClassLoaderAreFoundByNameAndIdleGuardThreadsAreNot() throws Exception {
        try (URLClassLoader plugin = new URLClassLoader(new URL[0], null)) {
            assertThat(guard.build("b", plugin, () -> 1)).isEqualTo(1); // the guard thread had the loader...
            CountDownLatch stop = new CountDownLatch(1);
            Thread t = new Thread(() -> {
                try {
                    stop.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "plugin-worker");
            t.setContextClassLoader(plugin);
            t.start();
            // ...and gave it back: only the plugin's own thread is reported.
            assertThat(ThreadLeak.threadsOf(plugin)).containsExactly("plugin-worker");
            stop.countDown();
            t.join();
            assertThat(ThreadLeak.threadsOf(plugin)).isEmpty();
        }
    }

    @Test
    void durationsParseInTheirUsualForms() {
        assertThat(Timeouts.parse("x", "250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Timeouts.parse("x", "3s")).isEqualTo(Duration.ofSeconds(3));
        assertThat(Timeouts.parse("x", "10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Timeouts.parse("x", "PT1H")).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> Timeouts.parse("braid.timeout.call", "soon"))
                .hasMessageContaining("braid.timeout.call: expected a duration");
    }
}
