package dev.braid.runtime.pipeline;

import dev.braid.api.component.Param;
import java.util.List;

/** The typed parameters of each dataset type a configuration can declare under {@code dataset}. */
public final class DatasetConfigs {
    private DatasetConfigs() {
    }

    /** {@code type: demo} — the generated demo catalog. */
    public record Demo(
            @Param(description = "number of items", defaultValue = "3000", min = 50) int items,
            @Param(description = "number of users", defaultValue = "1500", min = 10) int users,
            @Param(description = "mean interactions per user", defaultValue = "30", min = 2) int interactionsPerUser,
            @Param(description = "seed of the generator", defaultValue = "7") long seed,
            @Param(description = "folder to generate into (default: the cache folder)", defaultValue = "") String dir) {
    }

    /** {@code type: movielens} — MovieLens-100k, optionally with posters and plots. */
    public record MovieLens(
            @Param(description = "folder holding u.data, u.item, u.genre") String path,
            @Param(description = "items.tsv with poster paths and plots (ml-100k-mm format)", defaultValue = "")
            String items) {
    }

    /** {@code type: tabular} — a catalog file and an interactions file (CSV, TSV or JSON Lines). */
    public record Tabular(
            @Param(description = "catalog columns") CatalogColumns catalog,
            @Param(description = "interactions columns") InteractionColumns interactions,
            @Param(description = "dataset name for reports", defaultValue = "") String name) {
    }

    /** The catalog file and its columns. */
    public record CatalogColumns(String file, String format, String id, String title, List<String> text,
                                 String image, String audio, List<String> attributes, String separator) {
    }

    /** The interactions file and its columns. */
    public record InteractionColumns(String file, String format, String user, String item, String rating,
                                     String timestamp, Boolean header) {
    }
}
