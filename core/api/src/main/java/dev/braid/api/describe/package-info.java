/**
 * Item describers: derive text for an item from its other media (a poster, an audio clip) before the text encoder
 * runs, so non-text modalities meet text in one space ({@link dev.braid.api.describe.ItemDescriber}), with a
 * per-item result ({@link dev.braid.api.describe.DescriptionResult}) and the ways a description joins the item's
 * text ({@link dev.braid.api.describe.DescriptionMode}). Since API 1.4 (bundle version).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.braid.api.describe;
