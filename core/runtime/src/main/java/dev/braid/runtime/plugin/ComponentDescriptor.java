package dev.braid.runtime.plugin;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.kind.ComponentKind;
import dev.braid.api.data.Modality;
import java.util.List;

/**
 * A component discovered in a bundle (or on the host class path): what it is and where it comes from.
 *
 * @param name        the name configurations use
 * @param kind        encoder, fusion, generator or backend
 * @param modalities  for encoders, the declared modality
 * @param type        the component class (loaded by its bundle's class loader)
 * @param configType  its configuration record
 * @param description one line from the annotation
 * @param origin      the bundle (symbolic name, version, id) or the host
 */
public record ComponentDescriptor(String name, ComponentKind kind, List<Modality> modalities, Class<?> type,
                                  Class<? extends Record> configType, String description, Origin origin) {

    /** Reads the descriptor of an annotated class. */
    public static ComponentDescriptor of(Class<?> type, Origin origin) {
        BraidComponent a = type.getAnnotation(BraidComponent.class);
        if (a == null) {
            throw new IllegalArgumentException(type.getName() + " is listed as a component but lacks @BraidComponent");
        }
        ComponentKind kind = ComponentKind.of(type);
        if (kind == null) {
            throw new IllegalArgumentException(type.getName() + " (component '" + a.name() + "') implements none of "
                    + "ModalityEncoder, FusionStrategy, Generator, ComputeBackend, ItemDescriber");
        }
        if (type.getConstructors().length != 1) {
            throw new IllegalArgumentException(type.getName() + " (component '" + a.name() + "') must have exactly "
                    + "one public constructor, has " + type.getConstructors().length);
        }
        return new ComponentDescriptor(a.name(), kind, List.of(a.modality()), type, a.config(), a.description(),
                origin);
    }

    /** "name (kind) from bundle 1.2.3" for messages. */
    public String label() {
        return "'" + name + "' (" + kind.key() + ") from " + origin.label();
    }

    /** Where a component comes from. {@code bundleId} is -1 for the host class path. */
    public record Origin(String symbolicName, String version, long bundleId) {
        public static final Origin HOST = new Origin("host", "-", -1);

        public String label() {
            return bundleId < 0 ? "the host class path" : symbolicName + " " + version;
        }
    }
}
