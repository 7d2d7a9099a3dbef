package dev.braid.runtime;

import dev.braid.compute.OpenClBackend;
import dev.braid.api.compute.ReferenceBackend;
import dev.braid.compute.VectorBackend;
import dev.braid.runtime.osgi.OsgiComponentHost;
import dev.braid.runtime.platform.NativePlatform;
import dev.braid.runtime.plugin.ClassPathComponents;
import dev.braid.runtime.plugin.ComponentDescriptor;
import dev.braid.runtime.plugin.ComponentHost;
import dev.braid.runtime.plugin.ComponentRegistry;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin runtime: a registry of every component the plugins (and the host) provide, fed by one of two hosts —
 * the OSGi host ({@link #start}: Felix, shipped bundles, hot deployment of {@code plugins/}) or the class-path host
 * ({@link #onClassPath}: plain jars with a {@code Braid-Components} header, no framework). Everything above the
 * registry (configuration binding, generations, experiments) is the same engine for both.
 *
 * @param home         the installation's folders
 * @param host         where the components come from: an {@link OsgiComponentHost} or a {@link ClassPathComponents}
 * @param registry     every component the host and the plugins provide
 * @param startupNanos how long {@link #start} (or {@link #onClassPath}) took, in nanoseconds
 */
public record BraidRuntime(BraidHome home, ComponentHost host, ComponentRegistry registry, long startupNanos)
        implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BraidRuntime.class);

    /**
     * Starts the OSGi host: the framework, the shipped bundles and (when {@code watchPlugins}) the plugin folder
     * watcher. Returns when every bundle present at start is active and registered.
     */
    public static BraidRuntime start(BraidHome home, boolean watchPlugins) {
        long t0 = System.nanoTime();
        home.ensureFolders();
        NativePlatform.configure(home.cache());
        ComponentRegistry registry = hostRegistry();
        ComponentHost host = OsgiComponentHost.start(new OsgiComponentHost.Layout(home.bundles(),
                home.plugins(), home.cache()), registry, watchPlugins);
        return ready(home, host, registry, t0);
    }

    /**
     * Starts the class-path host: the components of every jar on {@code loader} with a {@code Braid-Components}
     * header, loaded by that class loader. No OSGi framework starts and no OSGi type is loaded.
     */
    public static BraidRuntime onClassPath(BraidHome home, ClassLoader loader) {
        long t0 = System.nanoTime();
        try {
            java.nio.file.Files.createDirectories(home.cache());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create " + home.cache() + ": " + e.getMessage(), e);
        }
        NativePlatform.configure(home.cache());
        ComponentRegistry registry = hostRegistry();
        ComponentHost host = ClassPathComponents.scan(loader, registry);
        return ready(home, host, registry, t0);
    }

    private static ComponentRegistry hostRegistry() {
        ComponentRegistry registry = new ComponentRegistry();
        List<ComponentDescriptor> backends = new ArrayList<>();
        backends.add(ComponentDescriptor.of(ReferenceBackend.class, ComponentDescriptor.Origin.HOST));
        // The Vector API is an incubator module the launcher adds only when a command may use it (its start-up
        // warning cannot be turned off): without it the backend's classes cannot even be introspected.
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            backends.add(ComponentDescriptor.of(VectorBackend.class, ComponentDescriptor.Origin.HOST));
        } else {
            log.debug("compute backend 'vector' not registered: the JVM runs without jdk.incubator.vector");
        }
        backends.add(ComponentDescriptor.of(OpenClBackend.class, ComponentDescriptor.Origin.HOST));
        registry.setSource("host", backends, List.of(), "host components");
        return registry;
    }

    private static BraidRuntime ready(BraidHome home, ComponentHost host, ComponentRegistry registry, long t0) {
        long elapsed = System.nanoTime() - t0;
        log.info("Braid runtime ready in {} ms with {} components ({})", elapsed / 1_000_000,
                registry.all().size(), host.description());
        return new BraidRuntime(home, host, registry, elapsed);
    }

    @Override
    public void close() {
        host.close();
    }
}
