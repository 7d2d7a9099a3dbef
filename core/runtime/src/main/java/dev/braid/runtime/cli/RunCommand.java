package dev.braid.runtime.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code braid run --config FILE}: run a pipeline or an experiment of several variants, and report. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Load the dataset, encode, fuse, train and evaluate every variant of a configuration; print "
                + "a table and write JSON/HTML reports.")
public final class RunCommand extends ExperimentCommand {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the YAML configuration")
    Path config;

    @Override
    Path configFile() {
        return config;
    }
}
