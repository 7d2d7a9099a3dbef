package dev.braid.runtime.generation;

import dev.braid.api.kind.ComponentKind;
import java.util.List;

/**
 * What a configured component is, independent of the process that runs it: kind, name, the bundle that provides
 * it (symbolic name and version, never the framework's bundle id), a hash of its bound configuration and, for a
 * composite stage, the identities of its inputs. Equal identities behave alike, so they name on-disk state (the
 * vector cache) that survives a restart and a reinstall of an unchanged bundle version.
 *
 * @param kind       encoder, fusion or generator
 * @param name       the name configurations use
 * @param bundle     the providing bundle's symbolic name ({@code host} for the runtime's own components)
 * @param version    the providing bundle's version
 * @param configHash SHA-256 of the configuration record in canonical JSON
 * @param inputs     a composite's inputs, in order (empty otherwise)
 */
public record ComponentIdentity(ComponentKind kind, String name, String bundle, String version, String configHash,
                                List<ComponentIdentity> inputs) {

    public ComponentIdentity {
        inputs = List.copyOf(inputs);
    }

    /** A stable text form, the same in every process: {@code generator:blend@host:-#<hash>[...]}. */
    public String canonical() {
        StringBuilder b = new StringBuilder().append(kind.key()).append(':').append(name).append('@').append(bundle)
                .append(':').append(version).append('#').append(configHash);
        if (!inputs.isEmpty()) {
            b.append('[');
            for (int i = 0; i < inputs.size(); i++) {
                b.append(i == 0 ? "" : ",").append(inputs.get(i).canonical());
            }
            b.append(']');
        }
        return b.toString();
    }
}
