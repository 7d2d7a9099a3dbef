package dev.braid.spark;

import dev.braid.api.compute.ComputeBackend;
import dev.braid.api.compute.ReferenceBackend;
import dev.braid.compute.VectorBackend;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compute backend that batch scoring uses in one executor JVM, chosen once per configured name: {@code vector}
 * (the JDK Vector API; the executor JVM needs {@code --add-modules jdk.incubator.vector}) where it can run, else the
 * plain Java reference. The recommend stage does not start the plugin runtime on executors just for this, so an
 * {@code opencl} request is served by the vector backend too; the log says which one runs.
 */
final class ScoringBackend {
    private static final Logger log = LoggerFactory.getLogger(ScoringBackend.class);
    private static final Map<String, ComputeBackend> CHOSEN = new ConcurrentHashMap<>();

    private ScoringBackend() {
    }

    static ComputeBackend forName(String configured) {
        String name = configured == null ? "" : configured;
        return CHOSEN.computeIfAbsent(name, ScoringBackend::choose);
    }

    private static ComputeBackend choose(String name) {
        if (!name.equals("reference")) {
            try {
                ComputeBackend vector = new VectorBackend();
                if (vector.isAvailable()) {
                    log.info("Batch scoring on the '{}' compute backend (configured: '{}')", vector.name(), name);
                    return vector;
                }
            } catch (LinkageError e) {
                // The incubator module is not in this JVM: the reference backend gives the same results, slower.
                log.info("Vector API not available in this JVM ({}); add --add-modules jdk.incubator.vector to the "
                        + "executor's Java options for faster batch scoring", e.toString());
            }
        }
        log.info("Batch scoring on the 'reference' compute backend (configured: '{}')", name);
        return new ReferenceBackend();
    }
}
