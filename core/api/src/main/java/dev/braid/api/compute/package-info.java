/**
 * The compute backend SPI: the heavy vector kernels (projection, weighted sums, normalisation, attention, top-K) with interchangeable implementations. Since 1.2.0 {@link dev.braid.api.compute.UnitVectors} scales vectors and feature-matrix rows to unit length.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package dev.braid.api.compute;
