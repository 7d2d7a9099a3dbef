/**
 * Immutable data types shared by every plugin: items and their content, interactions, the catalog, interaction matrices and feature matrices.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package dev.braid.api.data;
