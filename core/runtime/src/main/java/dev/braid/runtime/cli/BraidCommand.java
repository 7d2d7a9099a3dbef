package dev.braid.runtime.cli;

import picocli.CommandLine.Command;

/** The top-level command; the work is in its sub-commands. */
@Command(name = "braid", mixinStandardHelpOptions = true, version = "Braid 0.1.0",
        description = "Plugin-based multimodal recommendation.",
        subcommands = {RunCommand.class, DemoCommand.class, EncodeCommand.class, TrainEncoderCommand.class,
                ServeCommand.class, PluginsCommand.class, picocli.CommandLine.HelpCommand.class})
public final class BraidCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
