package dev.braid.runtime.cli;

import dev.braid.runtime.pipeline.CatalogEncoding;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code braid encode --config FILE --out DIR}: encode the configuration's catalog with every encoder its variants
 * use and write the vectors ({@code <modality>.npy} + {@code <modality>.ids.txt}) and the per-item error list
 * ({@code errors.tsv}).
 */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Encode the catalog of a configuration: per encoder a NumPy .npy file of float32 vectors with "
                + "its ids, and errors.tsv (item, modality, kind, message) for items that could not be encoded.")
public final class EncodeCommand implements Callable<Integer> {
    @Mixin
    ConfigurationOptions config;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "the output folder")
    Path out;

    @Override
    public Integer call() {
        PrintWriter pw = config.out();
        try (ConfiguredRun run = config.start()) {
            List<CatalogEncoding.Output> outputs = new CatalogEncoding(run.runtime(), run.progress())
                    .run(run.validated(), out);
            int failures = 0;
            for (CatalogEncoding.Output o : outputs) {
                pw.printf("%-6s %-16s %6d vectors x %4d  %5d failed  -> %s%n", o.modality(), o.encoder(), o.items(),
                        o.dimension(), o.failures(), o.vectors().toAbsolutePath());
                failures += o.failures();
                if (o.descriptions() != null) {
                    pw.printf("%-6s %-16s %6d described (%d from cache), %d failed, %d skipped  -> %s%n", "",
                            "described", o.described().described().size(), o.described().fromCache(),
                            o.described().failures().size(), o.described().skipped(),
                            o.descriptions().toAbsolutePath());
                }
            }
            pw.printf("errors: %d -> %s%n", failures, out.resolve("errors.tsv").toAbsolutePath());
            pw.flush();
            return Main.OK;
        } catch (IOException e) {
            throw new BadInputException("cannot write to " + out + ": " + e.getMessage());
        }
    }
}
