package dev.braid.datasets;

import dev.braid.api.data.Catalog;

import java.util.List;

/**
 * The result of reading a catalog file.
 *
 * @param catalog     the items that could be read
 * @param problems    rows skipped, media refused or missing
 * @param fingerprint a hash of the spec, the file and the accepted media files
 */
public record CatalogImport(Catalog catalog, List<DatasetProblem> problems, String fingerprint) {

    public CatalogImport {
        problems = List.copyOf(problems);
    }
}
