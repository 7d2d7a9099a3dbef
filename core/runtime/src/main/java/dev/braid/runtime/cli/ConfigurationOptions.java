package dev.braid.runtime.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;

/**
 * What a command that works on one configuration takes: {@code --config FILE} and the runtime options, which also
 * say where it prints its results.
 */
final class ConfigurationOptions {
    @Mixin
    ConfigFileOption config;

    @Mixin
    RuntimeOptions runtime;

    /** The configuration file. */
    Path file() {
        return config.file;
    }

    /** Loads the configuration and starts the runtime: see {@link ConfiguredRun#start}. */
    ConfiguredRun start() {
        return ConfiguredRun.start(config.file, runtime);
    }

    /** The command's output. */
    PrintWriter out() {
        return runtime.out();
    }
}
