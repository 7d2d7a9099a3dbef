/**
 * Generators: fit on interactions and item features, then score every catalog item for a query. Model-based and rule-based generators share this interface.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.braid.api.generator;
