package dev.braid.runtime.generation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.braid.runtime.config.ComponentSpec;
import dev.braid.runtime.plugin.ComponentDescriptor;
import dev.braid.runtime.util.Hashing;
import java.util.ArrayList;
import java.util.List;

/**
 * A configured component matched to its provider, with its bound configuration.
 *
 * @param spec       as declared in the configuration
 * @param descriptor the provider chosen in the registry
 * @param config     the validated configuration record
 * @param inputs     a composite stage's resolved inputs, in order (empty for a plain component)
 */
public record ResolvedComponent(ComponentSpec spec, ComponentDescriptor descriptor, Record config,
                                List<ResolvedComponent> inputs) {
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    public ResolvedComponent {
        inputs = List.copyOf(inputs);
    }

    /** A plain component. */
    public ResolvedComponent(ComponentSpec spec, ComponentDescriptor descriptor, Record config) {
        this(spec, descriptor, config, List.of());
    }

    /**
     * What identifies the component's behaviour: kind, name, bundle and version, configuration, and a composite's
     * inputs. It carries no bundle id, so it is stable across restarts and reinstalls.
     */
    public ComponentIdentity identity() {
        String cfg;
        try {
            cfg = CANONICAL.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            cfg = String.valueOf(config);
        }
        ComponentDescriptor.Origin origin = descriptor.origin();
        return new ComponentIdentity(descriptor.kind(), descriptor.name(), origin.symbolicName(), origin.version(),
                Hashing.sha256Hex(descriptor.type().getName() + "|" + cfg),
                inputs.stream().map(ResolvedComponent::identity).toList());
    }

    /** The framework's ids of the bundles this component's classes, and its inputs' classes, come from. */
    public List<Long> bundleIds() {
        List<Long> out = new ArrayList<>();
        out.add(descriptor.origin().bundleId());
        inputs.forEach(i -> out.addAll(i.bundleIds()));
        return out;
    }
}
