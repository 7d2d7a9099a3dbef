package dev.braid.datasets;

import dev.braid.api.data.Catalog;
import dev.braid.api.data.Interaction;

import java.util.List;
import java.util.Objects;

/**
 * An imported dataset: the catalog, the interactions over it and the problems met while importing.
 *
 * @param name         a short name for reports ({@code movielens-100k}, {@code demo})
 * @param catalog      the items
 * @param interactions the interactions, all on items of the catalog, in file order
 * @param problems     what was skipped or left out while importing, never {@code null}
 * @param fingerprint  a stable hash of the source files (size and modification time), the media files and the
 *                     import spec: equal fingerprints mean the same data, so caches can key on it
 */
public record Dataset(String name, Catalog catalog, List<Interaction> interactions, List<DatasetProblem> problems,
                      String fingerprint) {

    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(catalog, "catalog");
        interactions = List.copyOf(interactions);
        problems = List.copyOf(problems);
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** How many distinct users have at least one interaction. */
    public long userCount() {
        return interactions.stream().map(Interaction::user).distinct().count();
    }
}
