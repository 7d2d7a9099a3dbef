/**
 * File helpers a plugin needs to follow the project's rules: {@link dev.braid.api.io.AtomicFiles} for model files and
 * indexes that are never seen half written.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.braid.api.io;
