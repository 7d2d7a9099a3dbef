package dev.braid.runtime.generation;

import dev.braid.api.data.FeatureMatrix;
import dev.braid.runtime.plugin.ComponentDescriptor;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * A component instance after fitting, with what it produced (the feature matrix of an encoder or fusion node), the
 * per-item problems it reported and how long it took.
 *
 * @param label      "text encoder 'tfidf'" for messages
 * @param descriptor where it comes from
 * @param instance   the component
 * @param output     the features it produced, or {@code null} for generators
 * @param failures   per-item failures (encoders)
 * @param seconds    time to build, fit and encode
 * @param cacheHits  how many items came from the vector cache (encoders)
 */
public record BuiltNode(String label, ComponentDescriptor descriptor, Object instance, FeatureMatrix output,
                        List<ItemFailure> failures, double seconds, int cacheHits) implements AutoCloseable {

    public BuiltNode {
        failures = List.copyOf(failures);
    }

    @Override
    public void close() {
        if (instance instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(BuiltNode.class).warn("Closing {} failed: {}", label, e.toString());
            }
        }
    }

    /** One item an encoder could not encode. */
    public record ItemFailure(String itemId, String modality, String kind, String message) {
    }
}
