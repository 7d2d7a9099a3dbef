package dev.braid.runtime.inject;

import dev.braid.api.component.CountedResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared heavy resources with reference counts, living as long as the runtime: a model loaded for one generation
 * stays loaded while the next generation acquires it too, and closes when the last holder releases it. A resource
 * that fails to close is logged, never thrown at the component that released it last.
 */
public final class RefCountedResources extends CountedResources {
    private static final Logger log = LoggerFactory.getLogger(RefCountedResources.class);

    public RefCountedResources() {
        super((key, e) -> log.warn("Closing shared resource {} failed: {}", key, e.toString()));
    }

    @Override
    protected void created(String key) {
        log.debug("Created shared resource {}", key);
    }

    /** How many resources are held now. */
    public int size() {
        return held();
    }
}
