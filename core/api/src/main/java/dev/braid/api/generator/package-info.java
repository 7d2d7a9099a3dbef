/**
 * Generators: fit on interactions and item features, then score every catalog item for a query. Model-based and rule-based generators share this interface. List-level post-processing ({@link dev.braid.api.generator.Reranker}, since 1.1.0) reorders the top of the ranked list.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package dev.braid.api.generator;
