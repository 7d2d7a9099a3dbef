package dev.braid.bench;

import dev.braid.api.compute.ComputeBackend;
import dev.braid.compute.OpenClBackend;
import dev.braid.api.compute.ReferenceBackend;
import dev.braid.compute.VectorBackend;

/** The backends a benchmark can name; {@code pytorch} is handled by the benchmarks themselves through DJL. */
final class Engines {
    private Engines() {
    }

    static ComputeBackend backend(String name) {
        ComputeBackend b = switch (name) {
            case "reference" -> new ReferenceBackend();
            case "vector" -> new VectorBackend();
            case "opencl" -> new OpenClBackend();
            default -> throw new IllegalArgumentException("unknown backend " + name);
        };
        if (!b.isAvailable()) {
            throw new IllegalStateException("backend " + name + " is not available here");
        }
        return b;
    }

    /**
     * The engine a benchmark trial runs on: DJL's PyTorch manager for {@code pytorch}, else a compute backend.
     * Exactly one of {@link #nd()} and {@link #backend()} is set; closing releases it.
     */
    record Engine(ai.djl.ndarray.NDManager nd, ComputeBackend backend) implements AutoCloseable {
        static Engine open(String name) {
            return name.equals("pytorch") ? new Engine(ai.djl.ndarray.NDManager.newBaseManager("PyTorch"), null)
                    : new Engine(null, Engines.backend(name));
        }

        @Override
        public void close() {
            if (nd != null) {
                nd.close();
            }
            if (backend != null) {
                backend.close();
            }
        }
    }

    static float[] random(java.util.Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextFloat() * 2 - 1;
        }
        return x;
    }
}
