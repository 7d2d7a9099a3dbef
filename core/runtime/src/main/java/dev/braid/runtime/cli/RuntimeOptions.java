package dev.braid.runtime.cli;

import dev.braid.runtime.BraidHome;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options every command that starts the runtime shares; and where the command prints its results (the command
 * line's output, which tests capture).
 */
public final class RuntimeOptions {
    @Option(names = "--home", description = "Braid installation folder (default: the launcher's, or the current "
            + "folder)")
    Path home;

    @Option(names = "--cache-dir", description = "cache folder for vectors, generated data and native libraries "
            + "(default: $BRAID_CACHE_DIR or ~/.cache/braid)")
    Path cacheDir;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    public BraidHome resolve() {
        BraidHome h = home == null ? BraidHome.fromEnvironment() : new BraidHome(home.toAbsolutePath().normalize(),
                BraidHome.defaultCache());
        return cacheDir == null ? h : h.withCache(cacheDir);
    }

    /** The output of the command these options are mixed into. */
    public PrintWriter out() {
        return command.commandLine().getOut();
    }
}
