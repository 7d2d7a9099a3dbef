package dev.braid.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.braid.api.component.Environment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every contract gives the component it builds, as the runtime would: an {@link Environment} in a temporary
 * folder and {@link InMemorySharedResources}; what the tests open is closed after each test.
 */
abstract class ComponentContract {
    @TempDir
    protected Path tempDir;
    /** The environment to construct components with: folders inside {@link #tempDir}, the contract's seed. */
    protected Environment environment;
    /** The shared resources to construct components with; every lease must be released by {@code close()}. */
    protected InMemorySharedResources resources;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final long seed;

    ComponentContract(long seed) {
        this.seed = seed;
    }

    /**
     * How far two results for one input may differ, per element, between batches, threads and instances; 0 unless
     * the component's arithmetic is not bit-for-bit reproducible (batch padding, parallel sums, concurrent training):
     * say why where you override it.
     */
    protected double tolerance() {
        return 0;
    }

    @BeforeEach
    void openEnvironment() {
        environment = TestEnvironment.in(tempDir, seed);
        resources = new InMemorySharedResources();
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        resources.close();
    }

    /** Closes {@code component} after the test. */
    final <T extends AutoCloseable> T closedAfterTest(T component) {
        opened.add(component);
        return component;
    }

    /** Fits a component on the contract's data. */
    @FunctionalInterface
    interface Fit<T> {
        void fit(T component) throws Exception;
    }

    /** {@code component} fitted by {@code fit}; closed after the test (also when fitting fails). */
    final <T extends AutoCloseable> T fittedAndClosedAfterTest(T component, Fit<T> fit) throws Exception {
        fit.fit(closedAfterTest(component));
        return component;
    }

    /**
     * Closes {@code component} twice: after the first close it holds no lease of the shared resources, and the
     * second close does not throw.
     */
    final void assertClosesTwice(AutoCloseable component) throws Exception {
        component.close();
        assertEquals(0, resources.held(), "shared resources still leased after close()");
        assertDoesNotThrow(component::close, "a second close()");
    }
}
