package dev.braid.runtime;

import dev.braid.compute.OpenClBackend;
import dev.braid.compute.ReferenceBackend;
import dev.braid.compute.VectorBackend;
import dev.braid.runtime.osgi.FelixHost;
import dev.braid.runtime.osgi.HostPackages;
import dev.braid.runtime.osgi.PluginDirectoryWatcher;
import dev.braid.runtime.platform.NativePlatform;
import dev.braid.runtime.plugin.BundleComponentTracker;
import dev.braid.runtime.plugin.ComponentDescriptor;
import dev.braid.runtime.plugin.ComponentRegistry;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin runtime: an embedded Felix framework with the shipped bundles started, {@code plugins/} watched for
 * hot deployment, and a registry of every component the bundles (and the host) provide.
 */
public final class BraidRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BraidRuntime.class);

    private final BraidHome home;
    private final FelixHost host;
    private final ComponentRegistry registry;
    private final PluginDirectoryWatcher watcher;
    private final Path storage;
    private final long startupNanos;

    private BraidRuntime(BraidHome home, FelixHost host, ComponentRegistry registry, PluginDirectoryWatcher watcher,
                         Path storage, long startupNanos) {
        this.home = home;
        this.host = host;
        this.registry = registry;
        this.watcher = watcher;
        this.storage = storage;
        this.startupNanos = startupNanos;
    }

    /**
     * Starts the framework, the shipped bundles and (when {@code watchPlugins}) the plugin folder watcher.
     * Returns when every bundle present at start is active and registered.
     */
    public static BraidRuntime start(BraidHome home, boolean watchPlugins) {
        long t0 = System.nanoTime();
        home.ensureFolders();
        NativePlatform.configure(home.cache());
        Path storage;
        try {
            Files.createDirectories(home.cache().resolve("osgi"));
            storage = Files.createTempDirectory(home.cache().resolve("osgi"), "felix-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the OSGi cache under " + home.cache() + ": "
                    + e.getMessage(), e);
        }
        ComponentRegistry registry = new ComponentRegistry();
        registry.setSource("host", List.of(
                ComponentDescriptor.of(ReferenceBackend.class, ComponentDescriptor.Origin.HOST),
                ComponentDescriptor.of(VectorBackend.class, ComponentDescriptor.Origin.HOST),
                ComponentDescriptor.of(OpenClBackend.class, ComponentDescriptor.Origin.HOST)),
                List.of(), "host components");
        FelixHost host = FelixHost.start(storage, HostPackages.exports());
        new BundleComponentTracker(registry).open(host.context());
        host.installAll(jars(home.bundles()));
        PluginDirectoryWatcher watcher = new PluginDirectoryWatcher(home.plugins(), host);
        if (watchPlugins) {
            watcher.start(250);
        }
        long elapsed = System.nanoTime() - t0;
        log.info("Braid runtime ready in {} ms with {} components", elapsed / 1_000_000, registry.all().size());
        return new BraidRuntime(home, host, registry, watcher, storage, elapsed);
    }

    private static List<Path> jars(Path dir) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            log.warn("No bundle folder at {}", dir);
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.jar")) {
            s.forEach(out::add);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    public BraidHome home() {
        return home;
    }

    public ComponentRegistry registry() {
        return registry;
    }

    public FelixHost host() {
        return host;
    }

    /** How long {@link #start} took, in nanoseconds. */
    public long startupNanos() {
        return startupNanos;
    }

    @Override
    public void close() {
        watcher.close();
        host.close();
        deleteTree(storage);
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.debug("Cannot delete {}: {}", dir, e.toString());
        }
    }
}
