package dev.braid.api.kind;

import dev.braid.api.compute.ComputeBackend;
import dev.braid.api.describe.ItemDescriber;
import dev.braid.api.encoder.ModalityEncoder;
import dev.braid.api.fusion.FusionStrategy;
import dev.braid.api.generator.Generator;
import java.util.Locale;

/**
 * The kinds of component a plugin can provide, each with the interface it implements. It lives in its own package,
 * above the packages of those interfaces, so that no API package depends on one that depends back on it.
 *
 * @since 1.0.0 of this package (replaces {@code dev.braid.api.component.ComponentKind})
 */
public enum ComponentKind {
    ENCODER(ModalityEncoder.class),
    FUSION(FusionStrategy.class),
    GENERATOR(Generator.class),
    BACKEND(ComputeBackend.class),
    /** @since 1.1.0 of this package */
    DESCRIBER(ItemDescriber.class);

    private final Class<?> type;

    ComponentKind(Class<?> type) {
        this.type = type;
    }

    /** The interface a component of this kind implements. */
    public Class<?> type() {
        return type;
    }

    /** The kind's name in configurations and listings: {@code encoder}, {@code fusion}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
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
