package dev.braid.datasets;

import java.nio.file.Path;
import java.util.Locale;

/** The tabular file formats the importers read. */
public enum Format {
    /** Comma-separated values, RFC 4180 quoting. */
    CSV,
    /** Tab-separated values, RFC 4180 quoting (a field holding a quote, tab or line break is quoted). */
    TSV,
    /** JSON Lines: one JSON object per line; arrays are multi-valued fields. */
    JSONL;

    /**
     * The format named by a file's extension ({@code .csv}, {@code .tsv}/{@code .tab}/{@code .txt},
     * {@code .jsonl}/{@code .ndjson}).
     *
     * @throws IllegalArgumentException naming the file when the extension is not one of these
     */
    public static Format ofFile(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".tsv") || name.endsWith(".tab") || name.endsWith(".txt")) {
            return TSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JSONL;
        }
        throw new IllegalArgumentException("cannot infer the format of '" + file
                + "' from its extension: use .csv, .tsv or .jsonl, or set the format explicitly");
    }

    /** The given format, or the one inferred from the file when {@code format} is {@code null}. */
    static Format resolve(Format format, Path file) {
        return format != null ? format : ofFile(file);
    }
}
