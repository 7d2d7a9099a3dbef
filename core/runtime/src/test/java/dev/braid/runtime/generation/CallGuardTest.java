package dev.braid.runtime.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.runtime.inject.ComponentBuildException;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallGuardTest {
    private final CallGuard guard = new CallGuard(new Timeouts(Duration.ofMillis(300), Duration.ofMillis(200),
            Duration.ZERO));

    @Test
    void aHangingCallIsCutOffAfterTheLimitNamingTheComponent() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        assertThatThrownBy(() -> guard.call(() -> "generator 'slow' at generators[0] (score)", () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return null;
        })).isInstanceOf(ComponentCallException.class)
                .hasMessage("generator 'slow' at generators[0] (score) did not return within 200 ms");
        // the abandoned call's thread is interrupted, and the call is counted
        assertThat(interrupted.await(1, TimeUnit.MINUTES)).isTrue();
        assertThat(guard.abandoned()).isEqualTo(1);
    }

    /** A plugin-like interface pair: the proxy keeps every public interface. */
    public interface Scorer extends AutoCloseable {
        int score(int x);

        @Override
        void close();
    }

    public interface Named {
        String name();
    }

    @Test
    void aGuardedInstanceRunsEveryInterfaceCallThroughTheGuardAndKeepsItsInterfaces() {
        CountDownLatch never = new CountDownLatch(1);
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        final class Plugin implements Scorer, Named {
            @Override
            public int score(int x) {
                threads.add(Thread.currentThread().getName());
                return x * 2;
            }

            @Override
            public String name() {
                return "p";
            }

            @Override
            public void close() {
                try {
                    never.await(); // a close that hangs
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        Plugin plugin = new Plugin();
        Scorer guarded = guard.guarded(plugin, "generator 'p' at generators[0]");
        assertThat(guarded).isInstanceOf(Named.class);
        assertThat(((Named) guarded).name()).isEqualTo("p");
        assertThat(guarded.score(21)).isEqualTo(42);
        assertThat(threads).singleElement().asString().startsWith(CallGuard.THREAD_PREFIX);
        assertThat(CallGuard.unwrap(guarded)).isSameAs(plugin);
        assertThat(guarded.toString()).isEqualTo("generator 'p' at generators[0]");
        assertThatThrownBy(guarded::close).isInstanceOf(ComponentCallException.class)
                .hasMessage("generator 'p' at generators[0] (close) did not return within 200 ms");
        // inside a guarded call, a guarded instance runs inline on the same thread
        threads.clear();
        String outer = guard.call(() -> "outer", () -> {
            guarded.score(1);
            return Thread.currentThread().getName();
        });
        assertThat(threads).containsExactly(outer);
    }

    @Test
    void aFullGuardRefusesAtOnceNamingTheComponent() throws Exception {
        CallGuard small = new CallGuard(new Timeouts(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ZERO),
                new GuardLimits(1, 1));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        Thread first = new Thread(() -> small.call(() -> "a", () -> {
            running.countDown();
            return release.await(1, TimeUnit.MINUTES);
        }));
        Thread second = new Thread(() -> small.call(() -> "b", () -> true));
        try {
            first.start();
            assertThat(running.await(1, TimeUnit.MINUTES)).isTrue();
            second.start(); // waits in the queue (one slot)
            awaitQueued(small);
            assertThatThrownBy(() -> small.call(() -> "generator 'c' at generators[2] (score)", () -> true))
                    .isInstanceOf(ComponentCallException.class)
                    .hasMessageStartingWith("generator 'c' at generators[2] (score) was refused: all 1 guard "
                            + "threads are busy and 1 calls wait");
            assertThat(small.rejected()).isEqualTo(1);
        } finally {
            release.countDown();
            first.join();
            second.join();
            small.close();
        }
    }

    private static void awaitQueued(CallGuard guard) throws InterruptedException {
        // the second call has been handed to the executor once the guard's queue holds it
        while (guard.queued() == 0) {
            Thread.sleep(1);
        }
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
