package dev.braid.runtime.plugin;

import java.util.List;

/**
 * Where a runtime's plugin components come from, and what must be released with it. Two hosts feed the one
 * {@link ComponentRegistry}: the OSGi host (bundles started in Felix, hot deployment) and {@link ClassPathComponents}
 * (plain jars on a class loader, for plugin unit tests and Spark executors).
 */
public interface ComponentHost extends AutoCloseable {

    /** One line for logs: "OSGi (Felix)" or "class path". */
    String description();

    /** The jars this host installs components from, each with its bundle or why it failed; empty if it reads none. */
    default List<PluginJar> jars() {
        return List.of();
    }

    @Override
    void close();
}
