/**
 * Running plugin code against the host's libraries: {@link dev.braid.platform.host.HostClassLoaderScope} makes the
 * host's class loader the thread context class loader, so DJL and ONNX Runtime find their engines and natives from
 * inside a bundle.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.braid.platform.host;
