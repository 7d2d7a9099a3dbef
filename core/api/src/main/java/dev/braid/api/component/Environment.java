package dev.braid.api.component;

import java.nio.file.Path;

/**
 * Where a component may read and write files, given by the runtime (and configurable by the user).
 *
 * @param cacheDirectory a writable folder for caches (extracted models, native libraries, index files)
 * @param baseDirectory  the folder relative paths in configuration are resolved against
 * @param seed           the seed of the run, for components that sample
 */
public record Environment(Path cacheDirectory, Path baseDirectory, long seed) {

    /** Resolves a path from configuration against {@link #baseDirectory()}. */
    public Path resolve(String path) {
        return baseDirectory.resolve(path).normalize();
    }
}
