/**
 * The compute backend SPI: the heavy vector kernels (projection, weighted sums, normalisation, attention, top-K) with interchangeable implementations.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package dev.braid.api.compute;
