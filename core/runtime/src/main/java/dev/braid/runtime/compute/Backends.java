package dev.braid.runtime.compute;

import dev.braid.api.kind.ComponentKind;
import dev.braid.api.compute.ComputeBackend;
import dev.braid.api.compute.ReferenceBackend;
import dev.braid.runtime.plugin.ComponentDescriptor;
import dev.braid.runtime.plugin.ComponentRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the compute backend a configuration asks for, falling back (with a log line saying why) along
 * opencl, vector, reference when one is missing or cannot run here.
 */
public final class Backends {
    private static final Logger log = LoggerFactory.getLogger(Backends.class);
    private static final List<String> FALLBACK = List.of("opencl", "vector", "reference");

    private Backends() {
    }

    public static ComputeBackend select(String name, ComponentRegistry registry) {
        List<String> order = new ArrayList<>();
        order.add(name);
        int at = FALLBACK.indexOf(name);
        order.addAll(at < 0 ? FALLBACK : FALLBACK.subList(at + 1, FALLBACK.size()));
        for (String candidate : order) {
            Optional<ComponentDescriptor> d = registry.find(ComponentKind.BACKEND, candidate);
            if (d.isEmpty()) {
                if (candidate.equals(name)) {
                    log.warn("Compute backend '{}' is not installed (available: {}); falling back", name,
                            registry.names(ComponentKind.BACKEND));
                }
                continue;
            }
            try {
                ComputeBackend b = (ComputeBackend) d.get().type().getConstructor().newInstance();
                if (b.isAvailable()) {
                    if (!candidate.equals(name)) {
                        log.warn("Using compute backend '{}' instead of '{}'", candidate, name);
                    }
                    return b;
                }
                log.warn("Compute backend '{}' cannot run on this machine; falling back", candidate);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                log.warn("Compute backend '{}' failed to start ({}); falling back", candidate, e.toString());
            }
        }
        return new ReferenceBackend();
    }
}
