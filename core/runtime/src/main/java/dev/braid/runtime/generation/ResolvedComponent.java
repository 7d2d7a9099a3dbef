package dev.braid.runtime.generation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.braid.runtime.config.ComponentSpec;
import dev.braid.runtime.plugin.ComponentDescriptor;

/**
 * A configured component matched to its provider, with its bound configuration.
 *
 * @param spec       as declared in the configuration
 * @param descriptor the provider chosen in the registry
 * @param config     the validated configuration record
 */
public record ResolvedComponent(ComponentSpec spec, ComponentDescriptor descriptor, Record config) {
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    /**
     * What identifies the component's behaviour: its class, the exact bundle it comes from and its configuration.
     * Two generations whose components have equal keys (and equal inputs) can share one instance.
     */
    public String key() {
        String cfg;
        try {
            cfg = CANONICAL.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            cfg = String.valueOf(config);
        }
        return descriptor.type().getName() + "@" + descriptor.origin().symbolicName() + ":"
                + descriptor.origin().version() + "#" + descriptor.origin().bundleId() + cfg;
    }
}
