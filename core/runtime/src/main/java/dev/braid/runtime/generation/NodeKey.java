package dev.braid.runtime.generation;

import java.util.List;

/**
 * The key of a built node in the {@link ComponentPool}: two generations share a node exactly when their keys are
 * equal. Beside the component's {@link ComponentIdentity} it holds the installations its classes come from (bundle
 * ids: a reinstalled bundle has new classes, so its nodes are built afresh even when its version is unchanged), the
 * keys of the nodes whose output it consumes, and what else it was built from (the data, or a degraded copy's tag).
 *
 * @param component what the component is
 * @param bundleIds the framework's ids of the bundles its classes (and its inputs' classes) come from
 * @param inputs    the nodes whose outputs it was fitted on (encoders for a fusion; encoders and fusion for a
 *                  generator)
 * @param data      the data fingerprint and any qualifier ({@code data:<sha>}, {@code degraded:3|drop:[image]})
 */
public record NodeKey(ComponentIdentity component, List<Long> bundleIds, List<NodeKey> inputs, String data) {

    public NodeKey {
        bundleIds = List.copyOf(bundleIds);
        inputs = List.copyOf(inputs);
    }

    /** A node built from a resolved component on the given inputs and data. */
    public static NodeKey of(ResolvedComponent rc, List<NodeKey> inputs, String data) {
        return new NodeKey(rc.identity(), rc.bundleIds(), inputs, data);
    }
}
