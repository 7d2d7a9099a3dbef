package dev.braid.runtime.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code braid run --config FILE}: run a pipeline or an experiment of several variants, and report. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Load the dataset, encode, fuse, train and evaluate every variant of a configuration; print "
                + "a table and write JSON/HTML reports.")
public final class RunCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the YAML configuration")
    Path config;

    @Mixin
    RuntimeOptions runtime;

    @Mixin
    ReportOptions reports;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        return ExperimentCommand.execute(config, runtime, reports, spec.commandLine().getOut());
    }
}
