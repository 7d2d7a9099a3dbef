package dev.braid.runtime.cli;

import dev.braid.runtime.BraidRuntime;
import dev.braid.runtime.config.BraidConfig;
import dev.braid.runtime.pipeline.ExperimentRunner;
import java.nio.file.Path;

/**
 * How every command that reads a configuration begins: load it (a bad file exits 2 with its path), start the
 * runtime, and validate the configuration against the installed components with console progress. Closing it
 * stops the runtime.
 */
record ConfiguredRun(BraidConfig config, BraidRuntime runtime, ConsoleProgress progress, ExperimentRunner runner,
                     ExperimentRunner.Validated validated) implements AutoCloseable {

    static ConfiguredRun start(Path configFile, RuntimeOptions options) {
        BraidConfig config = BraidConfig.load(configFile);
        BraidRuntime rt = BraidRuntime.start(options.resolve(), false);
        try {
            ConsoleProgress progress = new ConsoleProgress(System.err);
            ExperimentRunner runner = new ExperimentRunner(rt, progress);
            return new ConfiguredRun(config, rt, progress, runner, runner.validate(config));
        } catch (RuntimeException e) {
            rt.close();
            throw e;
        }
    }

    @Override
    public void close() {
        runtime.close();
    }
}
