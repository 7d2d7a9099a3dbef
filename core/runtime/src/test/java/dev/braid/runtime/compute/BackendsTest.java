package dev.braid.runtime.compute;

import dev.braid.api.compute.ReferenceBackend;
import static org.assertj.core.api.Assertions.assertThat;

import dev.braid.api.compute.ComputeBackend;
import dev.braid.compute.OpenClBackend;
import dev.braid.compute.VectorBackend;
import dev.braid.runtime.plugin.ComponentDescriptor;
import dev.braid.runtime.plugin.ComponentRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Selection by name and the fallback order opencl, vector, reference. */
class BackendsTest {

    private static ComponentRegistry registry(Class<?>... types) {
        ComponentRegistry r = new ComponentRegistry();
        r.setSource("host", java.util.Arrays.stream(types)
                .map(t -> ComponentDescriptor.of(t, ComponentDescriptor.Origin.HOST)).toList(), List.of(), "test");
        return r;
    }

    @Test
    void picksTheNamedBackendWhenItRuns() {
        ComponentRegistry r = registry(ReferenceBackend.class, VectorBackend.class, OpenClBackend.class);
        try (ComputeBackend b = Backends.select("vector", r)) {
            assertThat(b).isInstanceOf(VectorBackend.class);
        }
        try (ComputeBackend b = Backends.select("reference", r)) {
            assertThat(b).isInstanceOf(ReferenceBackend.class);
        }
    }

    @Test
    void openclFallsBackToVectorWhenMissingOrUnavailable() {
        try (ComputeBackend b = Backends.select("opencl", registry(ReferenceBackend.class, VectorBackend.class))) {
            assertThat(b.name()).isEqualTo("vector");
        }
        try (ComputeBackend b = Backends.select("opencl",
                registry(ReferenceBackend.class, VectorBackend.class, OpenClBackend.class))) {
            // Honest availability: OpenCL when a platform works here, the next backend otherwise.
            assertThat(b.name()).isEqualTo(new OpenClBackend().isAvailable() ? "opencl" : "vector");
        }
    }

    @Test
    void unknownNameFallsBackAlongTheChain() {
        try (ComputeBackend b = Backends.select("tornadovm", registry(ReferenceBackend.class))) {
            assertThat(b.name()).isEqualTo("reference");
        }
    }
}
