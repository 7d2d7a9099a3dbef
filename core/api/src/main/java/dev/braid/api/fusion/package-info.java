/**
 * Fusion strategies: combine the per-modality vectors of one item, some possibly absent, into one vector.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package dev.braid.api.fusion;
