/**
 * Modality encoders: turn one modality of an item (text, image, audio) into a float vector, batch first, with a per-item result.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package dev.braid.api.encoder;
