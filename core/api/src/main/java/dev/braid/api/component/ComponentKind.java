package dev.braid.api.component;

import dev.braid.api.compute.ComputeBackend;
import dev.braid.api.encoder.ModalityEncoder;
import dev.braid.api.fusion.FusionStrategy;
import dev.braid.api.generator.Generator;

/** The kinds of component a plugin can provide, each with the interface it implements. */
public enum ComponentKind {
    ENCODER(ModalityEncoder.class),
    FUSION(FusionStrategy.class),
    GENERATOR(Generator.class),
    BACKEND(ComputeBackend.class);

    private final Class<?> type;

    ComponentKind(Class<?> type) {
        this.type = type;
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
