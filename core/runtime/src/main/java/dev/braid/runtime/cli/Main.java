package dev.braid.runtime.cli;

import dev.braid.runtime.config.ConfigException;
import picocli.CommandLine;

/**
 * The {@code braid} command. Exit codes: 0 success, 2 bad input (configuration, arguments, data files),
 * 1 internal failure.
 */
public final class Main {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int BAD_INPUT = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int run(String... args) {
        System.setProperty("java.awt.headless", "true");
        CommandLine cli = new CommandLine(new BraidCommand());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException || e instanceof BadInputException) {
                cmd.getErr().println("error: " + e.getMessage());
                return BAD_INPUT;
            }
            cmd.getErr().println("internal error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            org.slf4j.LoggerFactory.getLogger(Main.class).debug("Stack trace", e);
            return INTERNAL;
        });
        cli.setExitCodeExceptionMapper(e -> BAD_INPUT);
        return cli.execute(args);
    }
}
