package dev.braid.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small tabular data set for an end-to-end test with the runtime: the rows of {@code data/catalog.tsv} and of
 * {@code data/interactions.tsv} ({@code user}, {@code item}, {@code rating}), written into a folder together with the
 * {@code dataset:} section of a configuration that reads them.
 *
 * <pre>{@code
 * TabularData data = new TabularData("id: id, title: title, text: [title]", "id", "title");
 * data.item("i1", "Red apple pie").interaction("u1", "i1", 5);
 * Files.writeString(config, "name: my-test\n" + data.writeTo(dir) + "generators: [popularity]\n");
 * }</pre>
 */
public final class TabularData {
    /** The catalog file, relative to the folder {@link #writeTo} writes into. */
    public static final String CATALOG = "data/catalog.tsv";
    /** The interactions file, relative to the folder {@link #writeTo} writes into. */
    public static final String INTERACTIONS = "data/interactions.tsv";

    private final String mapping;
    private final int columns;
    private final StringBuilder catalog = new StringBuilder();
    private final StringBuilder interactions = new StringBuilder("user\titem\trating\n");

    /**
     * @param mapping how the configuration reads the catalog's columns, as the keys of its {@code catalog:} entry
     *                after {@code file}, e.g. {@code "id: id, title: title, text: [plot], attributes: [genre]"}
     * @param columns the catalog's header
     */
    public TabularData(String mapping, String... columns) {
        this.mapping = mapping;
        this.columns = columns.length;
        row(catalog, "header", columns);
    }

    /** Adds a catalog row: one value a column, in the order of the header. */
    public TabularData item(String... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException("catalog row " + List.of(values) + " has " + values.length
                    + " values for " + columns + " columns");
        }
        row(catalog, "catalog row", values);
        return this;
    }

    /** Adds an interaction: {@code user} rated {@code item} with {@code rating}. */
    public TabularData interaction(String user, String item, int rating) {
        row(interactions, "interaction", user, item, Integer.toString(rating));
        return this;
    }

    /**
     * Writes {@link #CATALOG} and {@link #INTERACTIONS} into {@code dir} (creating {@code dir/data}) and returns the
     * {@code dataset:} section of a configuration in {@code dir} that reads them, ending with a line break.
     */
    public String writeTo(Path dir) throws IOException {
        Files.createDirectories(dir.resolve(CATALOG).getParent());
        Files.writeString(dir.resolve(CATALOG), catalog);
        Files.writeString(dir.resolve(INTERACTIONS), interactions);
        return """
                dataset:
                  type: tabular
                  catalog: {file: %s, %s}
                  interactions: {file: %s, user: user, item: item, rating: rating}
                """.formatted(CATALOG, mapping, INTERACTIONS);
    }

    private static void row(StringBuilder out, String what, String... values) {
        for (String v : values) {
            if (v.indexOf('\t') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                throw new IllegalArgumentException(what + " " + List.of(values)
                        + ": a value holds a tab or a line break, which would split the row");
            }
        }
        out.append(String.join("\t", values)).append('\n');
    }
}
