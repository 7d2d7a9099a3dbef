package dev.braid.runtime.compute;

import dev.braid.api.compute.ComputeBackend;
import dev.braid.compute.OpenClBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;

/**
 * The OpenCL backend against the reference; skipped with the reason when no OpenCL platform works here. Slow on
 * PoCL (kernels are specialised per launch size on first use).
 */
@Tag("slow")
class OpenClBackendDifferentialTest extends BackendDifferentialTest {
    private static final OpenClBackend BACKEND = new OpenClBackend();

    @Override
    ComputeBackend backend() {
        return BACKEND;
    }

    @AfterAll
    static void release() {
        BACKEND.close();
    }
}
