package dev.braid.datasets;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to read an interactions file with {@link TabularImporter}. Without a header row, columns are named by
 * their 0-based position ({@code "0"}, {@code "1"}, ...).
 *
 * @param file            the interactions file
 * @param format          its format, or {@code null} to infer it from the extension
 * @param userColumn      the user id column (required)
 * @param itemColumn      the item id column (required)
 * @param ratingColumn    the rating column, or {@code null} for implicit feedback
 * @param timestampColumn the time column (epoch seconds, or an ISO-8601 instant or date), or {@code null}
 * @param header          whether the first row names the columns (ignored for JSON Lines)
 */
public record InteractionsSpec(Path file, Format format, String userColumn, String itemColumn, String ratingColumn,
                               String timestampColumn, boolean header) {

    public InteractionsSpec {
        Objects.requireNonNull(file, "file");
        if (userColumn == null || userColumn.isBlank() || itemColumn == null || itemColumn.isBlank()) {
            throw new IllegalArgumentException("interactions spec for '" + file
                    + "': userColumn and itemColumn are required");
        }
    }
}
