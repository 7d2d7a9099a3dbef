/**
 * Immutable data types shared by every plugin: items and their content, interactions, the catalog, interaction matrices and feature matrices. Since 1.2.0 {@link dev.braid.api.data.Modality} also parses a configured list of modalities and weights per modality, with messages naming the entry.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package dev.braid.api.data;
