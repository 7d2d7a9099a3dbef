package dev.braid.testkit;

import dev.braid.api.component.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@link Environment} a component gets from the runtime, made for a test: a writable cache folder and a base
 * folder for relative paths, both inside a folder the test owns (a JUnit {@code @TempDir}).
 */
public final class TestEnvironment {

    private TestEnvironment() {
    }

    /** {@code dir/cache} for caches, {@code dir} for relative paths, and the seed. */
    public static Environment in(Path dir, long seed) {
        try {
            return new Environment(Files.createDirectories(dir.resolve("cache")), dir, seed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the cache folder in " + dir, e);
        }
    }
}
