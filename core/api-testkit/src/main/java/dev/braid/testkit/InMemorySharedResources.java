package dev.braid.testkit;

import dev.braid.api.component.CountedResources;
import dev.braid.api.component.SharedResources;

/**
 * {@link SharedResources} for tests, with the runtime's semantics ({@link CountedResources}): the first acquisition
 * of a key creates the resource, later ones share it, a second type for one key is refused, and the resource is
 * closed when its last lease is released. {@link #held()} lets a test check that a component released what it
 * acquired; a resource that fails to close fails the test.
 */
public final class InMemorySharedResources extends CountedResources {

    public InMemorySharedResources() {
        super((key, e) -> {
            throw new IllegalStateException("closing shared resource '" + key + "' failed", e);
        });
    }
}
