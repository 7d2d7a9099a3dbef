/**
 * The kinds of component a plugin can provide ({@link dev.braid.api.kind.ComponentKind}), with the interface each
 * kind implements. Since API 1.2 (bundle version); it depends on the encoder, fusion, generator and compute
 * packages, and none of them depends on it.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.braid.api.kind;
