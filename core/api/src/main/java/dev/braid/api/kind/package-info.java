/**
 * The kinds of component a plugin can provide ({@link dev.braid.api.kind.ComponentKind}), with the interface each
 * kind implements. Since API 1.2 (bundle version); it depends on the encoder, fusion, generator, compute and
 * describe packages, and none of them depends on it. 1.1.0 adds {@code DESCRIBER} (API 1.4).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package dev.braid.api.kind;
