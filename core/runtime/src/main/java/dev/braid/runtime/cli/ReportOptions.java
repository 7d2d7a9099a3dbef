package dev.braid.runtime.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a run writes its reports; overrides the configuration's {@code output} section. */
public final class ReportOptions {
    @Option(names = "--json-out", paramLabel = "FILE", description = "write the results as JSON")
    Path json;

    @Option(names = "--html-out", paramLabel = "FILE", description = "write an HTML report with charts")
    Path html;
}
