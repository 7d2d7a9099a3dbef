package dev.braid.runtime.plugin;

/** Told when the set of available components changes (a bundle came, went or was updated). */
@FunctionalInterface
public interface RegistryListener {

    /** @param reason what changed, for logs ("bundle x 1.1 started") */
    void componentsChanged(String reason);
}
