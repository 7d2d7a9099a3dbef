package dev.braid.datasets;

import dev.braid.api.data.Interaction;

import java.util.List;

/**
 * The result of reading an interactions file against a catalog.
 *
 * @param interactions the interactions kept, in file order
 * @param problems     rows skipped (missing ids, unparsable values) and one summary of unknown items
 * @param fingerprint  a hash of the spec and the file
 */
public record InteractionsImport(List<Interaction> interactions, List<DatasetProblem> problems,
                                 String fingerprint) {

    public InteractionsImport {
        interactions = List.copyOf(interactions);
        problems = List.copyOf(problems);
    }
}
