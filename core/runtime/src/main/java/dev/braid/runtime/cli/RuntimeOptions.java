package dev.braid.runtime.cli;

import dev.braid.runtime.BraidHome;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command that starts the runtime shares. */
public final class RuntimeOptions {
    @Option(names = "--home", description = "Braid installation folder (default: the launcher's, or the current "
            + "folder)")
    Path home;

    @Option(names = "--cache-dir", description = "cache folder for vectors, generated data and native libraries "
            + "(default: $BRAID_CACHE_DIR or ~/.cache/braid)")
    Path cacheDir;

    public BraidHome resolve() {
        BraidHome h = home == null ? BraidHome.fromEnvironment() : new BraidHome(home.toAbsolutePath().normalize(),
                BraidHome.defaultCache());
        return cacheDir == null ? h : h.withCache(cacheDir);
    }
}
