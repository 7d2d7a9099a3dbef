package dev.braid.runtime;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The layout of a Braid installation: {@code bundles/} (plugins shipped with Braid), {@code plugins/} (hot
 * deployment), {@code conf/} (configuration), and a cache folder for vectors, generated data and native
 * libraries — {@code $BRAID_CACHE_DIR}, else {@code ~/.cache/braid}.
 *
 * @param root  the installation folder
 * @param cache the cache folder
 */
public record BraidHome(Path root, Path cache) {

    /** The home named by the {@code braid.home} system property (set by {@code bin/braid}), else the current folder. */
    public static BraidHome fromEnvironment() {
        String home = System.getProperty("braid.home");
        Path root = Path.of(home == null ? "." : home).toAbsolutePath().normalize();
        return new BraidHome(root, defaultCache());
    }

    public static Path defaultCache() {
        String env = System.getenv("BRAID_CACHE_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        String prop = System.getProperty("braid.cache");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".cache", "braid");
    }

    public BraidHome withCache(Path newCache) {
        return new BraidHome(root, newCache.toAbsolutePath());
    }

    public Path bundles() {
        return root.resolve("bundles");
    }

    public Path plugins() {
        return root.resolve("plugins");
    }

    public Path conf() {
        return root.resolve("conf");
    }

    /** Creates the writable folders. */
    public BraidHome ensureFolders() {
        try {
            Files.createDirectories(plugins());
            Files.createDirectories(cache);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create " + plugins() + " or " + cache + ": " + e.getMessage(), e);
        }
        return this;
    }
}
