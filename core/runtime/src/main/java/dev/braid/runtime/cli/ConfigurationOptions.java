package dev.braid.runtime.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What a command that works on one configuration takes: {@code --config FILE} and the runtime options; and where it
 * prints its results (the command line's output, which tests capture).
 */
final class ConfigurationOptions {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the YAML configuration")
    Path file;

    @Mixin
    RuntimeOptions runtime;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Loads the configuration and starts the runtime: see {@link ConfiguredRun#start}. */
    ConfiguredRun start() {
        return ConfiguredRun.start(file, runtime);
    }

    /** The command's output. */
    PrintWriter out() {
        return command.commandLine().getOut();
    }
}
