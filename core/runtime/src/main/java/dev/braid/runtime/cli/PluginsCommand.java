package dev.braid.runtime.cli;

import dev.braid.runtime.BraidRuntime;
import dev.braid.runtime.config.ParamInfo;
import dev.braid.runtime.plugin.ComponentDescriptor;
import dev.braid.runtime.plugin.PluginJar;
import dev.braid.runtime.plugin.PluginProblem;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code braid plugins}: every component the bundles provide, with kind, modality and origin; then every jar in
 * {@code bundles/} and {@code plugins/} with its components or why it provides none. The runtime installs what
 * {@code plugins/} holds before it lists, so a jar copied there just before the command is in the listing.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List the components found in bundles/ and plugins/ (name, kind, modality, bundle, version), "
                + "then each jar with its components or why it failed.")
public final class PluginsCommand implements Callable<Integer> {
    @Mixin
    RuntimeOptions runtime;

    @Option(names = {"-v", "--verbose"}, description = "also show each component's parameters")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = runtime.out();
        try (BraidRuntime rt = BraidRuntime.start(runtime.resolve(), false)) {
            List<ComponentDescriptor> all = rt.registry().all();
            String fmt = "%-18s %-10s %-9s %-36s %s%n";
            out.printf(fmt, "NAME", "KIND", "MODALITY", "BUNDLE", "VERSION");
            for (ComponentDescriptor d : all) {
                String modality = d.modalities().stream().map(m -> m.key()).collect(Collectors.joining(","));
                out.printf(fmt, d.name(), d.kind().key(), modality.isEmpty() ? "-" : modality,
                        d.origin().bundleId() < 0 ? "(host)" : d.origin().symbolicName(), d.origin().version());
                if (verbose) {
                    if (!d.description().isEmpty()) {
                        out.println("    " + d.description());
                    }
                    for (ParamInfo p : ParamInfo.of(d.configType())) {
                        out.printf("    %-20s %-22s %-12s %s%n", p.name(), p.type(),
                                p.required() ? "(required)" : "= " + p.defaultValue(), p.description());
                    }
                }
            }
            boolean jarFailed = printJars(out, rt.host().jars(), all);
            for (PluginProblem p : rt.registry().problems()) {
                out.println("problem: " + p.source() + ": " + p.message());
            }
            out.flush();
            return rt.registry().problems().isEmpty() && !jarFailed ? Main.OK : Main.INTERNAL;
        }
    }

    /** One line a jar: its bundle and components, or why it failed. Returns whether any failed. */
    private static boolean printJars(PrintWriter out, List<PluginJar> jars, List<ComponentDescriptor> all) {
        if (jars.isEmpty()) {
            return false;
        }
        boolean failed = false;
        int fileWidth = jars.stream().mapToInt(j -> j.file().length()).max().orElse(0);
        int bundleWidth = jars.stream().mapToInt(j -> bundle(j).length()).max().orElse(0);
        String fmt = "%-" + fileWidth + "s  %-" + bundleWidth + "s  %s%n";
        out.println();
        out.printf(fmt, "JAR", "BUNDLE", "COMPONENTS");
        for (PluginJar jar : jars) {
            String what;
            if (jar.failure().isPresent()) {
                failed = true;
                what = "FAILED: " + jar.failure().get();
            } else {
                long id = jar.origin().orElseThrow().bundleId();
                String names = all.stream().filter(d -> d.origin().bundleId() == id).map(ComponentDescriptor::name)
                        .collect(Collectors.joining(", "));
                what = names.isEmpty() ? "(no components)" : names;
            }
            out.printf(fmt, jar.file(), bundle(jar), what);
        }
        return failed;
    }

    private static String bundle(PluginJar jar) {
        return jar.origin().map(o -> o.symbolicName() + " " + o.version()).orElse("-");
    }
}
