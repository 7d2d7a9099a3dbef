/**
 * How a plugin declares a component: the {@link dev.braid.api.component.BraidComponent} annotation, typed parameters, and the services a component may take in its constructor, and {@link dev.braid.api.component.Measured} (since 1.1.0) for components that report counters. Since 1.2.0 {@code ComponentKind} here is deprecated for {@link dev.braid.api.kind.ComponentKind}, which breaks the package cycle between this package and the component interfaces. Since 1.3.0 {@link dev.braid.api.component.ParamGroup} lets configuration records share a record of parameters whose keys sit beside their own.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package dev.braid.api.component;
