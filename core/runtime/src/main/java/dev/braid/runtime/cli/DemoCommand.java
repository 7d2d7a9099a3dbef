package dev.braid.runtime.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code braid demo}: the embedded default experiment. Generates the demo catalog on first use (into the cache
 * folder) and runs {@code conf/demo.yaml}: text-only, image-only, audio-only and fused variants.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate the demo catalog (first use) and run the demo experiment of conf/demo.yaml: "
                + "single-modality and fused variants compared on one split.")
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    RuntimeOptions runtime;

    @Mixin
    ReportOptions reports;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        Path config = runtime.resolve().conf().resolve("demo.yaml");
        if (!Files.isRegularFile(config)) {
            throw new BadInputException("the demo configuration " + config + " is missing: run Braid from its "
                    + "distribution folder (distribution/target/braid/bin/braid) or pass --home");
        }
        return ExperimentCommand.execute(config, runtime, reports, spec.commandLine().getOut());
    }
}
