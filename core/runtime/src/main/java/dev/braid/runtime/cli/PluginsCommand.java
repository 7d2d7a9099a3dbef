package dev.braid.runtime.cli;

import dev.braid.runtime.BraidRuntime;
import dev.braid.runtime.config.ParamInfo;
import dev.braid.runtime.plugin.ComponentDescriptor;
import dev.braid.runtime.plugin.PluginProblem;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code braid plugins}: every component the bundles provide, with kind, modality and origin. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List the components found in bundles/ and plugins/ (name, kind, modality, bundle, version).")
public final class PluginsCommand implements Callable<Integer> {
    @Mixin
    RuntimeOptions runtime;

    @Option(names = {"-v", "--verbose"}, description = "also show each component's parameters")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
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
            for (PluginProblem p : rt.registry().problems()) {
                out.println("problem: " + p.source() + ": " + p.message());
            }
            out.flush();
            return rt.registry().problems().isEmpty() ? Main.OK : Main.INTERNAL;
        }
    }
}
