package dev.braid.runtime.generation;

import dev.braid.api.data.Catalog;
import dev.braid.api.describe.ItemDescriber;
import dev.braid.runtime.describe.CatalogDescriber;

/**
 * What a describe node holds in the component pool: the describer (closed with the node) and the catalog it
 * described, so a later generation with the same describer, rule and data reuses the text without asking again.
 *
 * @param describer the describer (guarded)
 * @param outcome   the described catalog and the counts
 */
public record DescribedCatalog(ItemDescriber describer, CatalogDescriber.Outcome outcome) implements AutoCloseable {

    public Catalog catalog() {
        return outcome.catalog();
    }

    @Override
    public void close() {
        describer.close();
    }
}
