package dev.braid.runtime.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code braid run --config FILE}: run a pipeline or an experiment of several variants, and report. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Load the dataset, encode, fuse, train and evaluate every variant of a configuration; print "
                + "a table and write JSON/HTML reports.")
public final class RunCommand extends ExperimentCommand {
    @Mixin
    ConfigFileOption config;

    @Override
    Path configFile() {
        return config.file;
    }
}
