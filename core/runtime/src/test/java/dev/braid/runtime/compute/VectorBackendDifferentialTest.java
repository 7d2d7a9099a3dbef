package dev.braid.runtime.compute;

import dev.braid.api.compute.ComputeBackend;
import dev.braid.compute.VectorBackend;

/** The Vector API backend against the reference. */
class VectorBackendDifferentialTest extends BackendDifferentialTest {
    private static final VectorBackend BACKEND = new VectorBackend();

    @Override
    ComputeBackend backend() {
        return BACKEND;
    }
}
