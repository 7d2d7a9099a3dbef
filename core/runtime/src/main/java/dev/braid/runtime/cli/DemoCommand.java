package dev.braid.runtime.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/**
 * {@code braid demo}: the embedded default experiment. Generates the demo catalog on first use (into the cache
 * folder) and runs {@code conf/demo.yaml}: text-only, image-only, audio-only and fused variants.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate the demo catalog (first use) and run the demo experiment of conf/demo.yaml: "
                + "single-modality and fused variants compared on one split.")
public final class DemoCommand extends ExperimentCommand {
    @Override
    Path configFile() {
        Path config = runtime.resolve().conf().resolve("demo.yaml");
        if (!Files.isRegularFile(config)) {
            throw new BadInputException("the demo configuration " + config + " is missing: run Braid from its "
                    + "distribution folder (distribution/target/braid/bin/braid) or pass --home");
        }
        return config;
    }
}
