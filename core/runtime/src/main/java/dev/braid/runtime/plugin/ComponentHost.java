package dev.braid.runtime.plugin;

/**
 * Where a runtime's plugin components come from, and what must be released with it. Two hosts feed the one
 * {@link ComponentRegistry}: the OSGi host (bundles started in Felix, hot deployment) and {@link ClassPathComponents}
 * (plain jars on a class loader, for plugin unit tests and Spark executors).
 */
public interface ComponentHost extends AutoCloseable {

    /** One line for logs: "OSGi (Felix)" or "class path". */
    String description();

    @Override
    void close();
}
