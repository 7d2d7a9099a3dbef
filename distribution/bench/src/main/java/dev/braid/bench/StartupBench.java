package dev.braid.bench;

import dev.braid.runtime.BraidHome;
import dev.braid.runtime.BraidRuntime;
import dev.braid.runtime.cli.RuntimeOptions;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Time from nothing to a ready runtime (framework started, every shipped bundle active, components registered) of
 * an assembled distribution. Protocol: one warm-up start, then {@code --runs} starts in this JVM, each with a fresh
 * framework cache; prints every run, the median and the minimum. The first start in a fresh JVM (class loading
 * included) is printed separately, since that is what a user waits for.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp distribution/bench/target/classes:$(cat
 * distribution/bench/target/classpath.txt) dev.braid.bench.StartupBench --home distribution/target/braid --runs 10}
 */
@Command(name = "StartupBench", mixinStandardHelpOptions = true,
        description = "Time to start the runtime with all shipped bundles until ready.")
public final class StartupBench implements Callable<Integer> {
    /** The assembled distribution ({@code --home}) and the cache folder, as {@code braid} takes them. */
    @Mixin
    RuntimeOptions runtime;

    @Option(names = "--runs", defaultValue = "10", description = "measured starts (default ${DEFAULT-VALUE})")
    int runs;

    public static void main(String[] args) {
        System.exit(new CommandLine(new StartupBench()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = runtime.out();
        BraidHome braidHome = runtime.resolve();
        long first;
        int components;
        try (BraidRuntime rt = BraidRuntime.start(braidHome, false)) {
            first = rt.startupNanos();
            components = rt.registry().all().size();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            try (BraidRuntime rt = BraidRuntime.start(braidHome, false)) {
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
        return 0;
    }
}
