package dev.braid.runtime.cli;

import dev.braid.runtime.BraidRuntime;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code braid bench startup}: time from nothing to a ready runtime (framework started, every shipped bundle
 * active, components registered). Protocol: one warm-up start, then {@code --runs} starts in this JVM, each with a
 * fresh framework cache; prints every run, the median and the minimum. The first start in a fresh JVM (class
 * loading included) is printed separately, since that is what a user waits for.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {BenchCommand.Startup.class, BenchAnnCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The start-up benchmark. */
    @Command(name = "startup", mixinStandardHelpOptions = true,
            description = "Time to start the runtime with all shipped bundles until ready.")
    public static final class Startup implements Callable<Integer> {
        @Mixin
        RuntimeOptions runtime;

        @Option(names = "--runs", defaultValue = "10", description = "measured starts (default ${DEFAULT-VALUE})")
        int runs;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            long first;
            int components;
            try (BraidRuntime rt = BraidRuntime.start(runtime.resolve(), false)) {
                first = rt.startupNanos();
                components = rt.registry().all().size();
            }
            double[] ms = new double[runs];
            for (int i = 0; i < runs; i++) {
                try (BraidRuntime rt = BraidRuntime.start(runtime.resolve(), false)) {
                    ms[i] = rt.startupNanos() / 1e6;
                }
            }
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            double median = runs == 0 ? Double.NaN : (runs % 2 == 1 ? sorted[runs / 2]
                    : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2);
            out.printf("startup to ready, %d components%n", components);
            out.printf("first start in a fresh JVM: %.1f ms%n", first / 1e6);
            out.printf("runs (ms): %s%n", Arrays.toString(Arrays.stream(ms).map(v -> Math.round(v * 10) / 10.0)
                    .toArray()));
            out.printf("median: %.1f ms  min: %.1f ms  (%d runs)%n", median, runs == 0 ? Double.NaN : sorted[0], runs);
            out.flush();
            return Main.OK;
        }
    }
}
