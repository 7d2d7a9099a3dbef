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

    static float[] random(java.util.Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextFloat() * 2 - 1;
        }
        return x;
    }
}
