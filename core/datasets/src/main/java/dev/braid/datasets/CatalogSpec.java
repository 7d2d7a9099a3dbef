package dev.braid.datasets;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How to read a catalog file with {@link TabularImporter}. The file has a header row (CSV, TSV) or named fields
 * (JSON Lines). Media paths are relative to the catalog file's folder and must stay inside it.
 *
 * @param file                the catalog file
 * @param format              its format, or {@code null} to infer it from the extension
 * @param idColumn            the column holding the item id (required)
 * @param titleColumn         the title column, or {@code null}
 * @param textColumns         the columns joined with {@code ". "} into the item's text; when all are empty the
 *                            item has no text
 * @param imageColumn         the column holding the image path, or {@code null}
 * @param audioColumn         the column holding the audio path, or {@code null}
 * @param attributeColumns    columns kept as attributes, under the column's name, split on the separator
 * @param multiValueSeparator the separator of multi-valued attributes; {@code "|"} when {@code null}
 */
public record CatalogSpec(Path file, Format format, String idColumn, String titleColumn, List<String> textColumns,
                          String imageColumn, String audioColumn, List<String> attributeColumns,
                          String multiValueSeparator) {

    public CatalogSpec {
        Objects.requireNonNull(file, "file");
        if (idColumn == null || idColumn.isBlank()) {
            throw new IllegalArgumentException("catalog spec for '" + file + "': idColumn is required");
        }
        textColumns = textColumns == null ? List.of() : List.copyOf(textColumns);
        attributeColumns = attributeColumns == null ? List.of() : List.copyOf(attributeColumns);
        multiValueSeparator = multiValueSeparator == null || multiValueSeparator.isEmpty() ? "|" : multiValueSeparator;
    }
}
