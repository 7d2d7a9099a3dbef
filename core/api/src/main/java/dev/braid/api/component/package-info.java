/**
 * How a plugin declares a component: the {@link dev.braid.api.component.BraidComponent} annotation, typed parameters, and the services a component may take in its constructor, and {@link dev.braid.api.component.Measured} (since 1.1.0) for components that report counters. Since 1.2.0 {@code ComponentKind} here is deprecated for {@link dev.braid.api.kind.ComponentKind}, which breaks the package cycle between this package and the component interfaces.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package dev.braid.api.component;
