package dev.braid.api.component;

/**
 * The kinds of component a plugin can provide, each with the interface it implements.
 *
 * @deprecated since 1.2.0 of this package, for removal in 2.0: use {@link dev.braid.api.kind.ComponentKind}. This
 *             package sits below the encoder, fusion and generator packages (they use its
 *             {@link ProgressListener}), so this enum names their interfaces by class name rather than importing
 *             them, which would make a package cycle.
 */
@Deprecated(since = "1.2.0", forRemoval = true)
public enum ComponentKind {
    ENCODER("dev.braid.api.encoder.ModalityEncoder"),
    FUSION("dev.braid.api.fusion.FusionStrategy"),
    GENERATOR("dev.braid.api.generator.Generator"),
    BACKEND("dev.braid.api.compute.ComputeBackend");

    private final Class<?> type;

    ComponentKind(String typeName) {
        try {
            // The API's own class loader defines every API package, so the interface is always found there.
            this.type = Class.forName(typeName, false, ComponentKind.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The interface a component of this kind implements. */
    public Class<?> type() {
        return type;
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The kind of a component class, from the interface it implements, or {@code null} for none. */
    public static ComponentKind of(Class<?> componentClass) {
        for (ComponentKind k : values()) {
            if (k.type.isAssignableFrom(componentClass)) {
                return k;
            }
        }
        return null;
    }
}
