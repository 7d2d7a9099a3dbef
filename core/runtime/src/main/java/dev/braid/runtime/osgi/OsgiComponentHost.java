package dev.braid.runtime.osgi;

import dev.braid.runtime.plugin.BundleComponentTracker;
import dev.braid.runtime.plugin.ComponentDescriptor;
import dev.braid.runtime.plugin.ComponentHost;
import dev.braid.runtime.plugin.ComponentRegistry;
import dev.braid.runtime.plugin.PluginJar;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OSGi host: an embedded Felix framework with the shipped bundles started and, when asked, {@code plugins/}
 * watched for hot deployment. Bundles feed the registry through a {@link BundleComponentTracker}.
 *
 * @param felix   the framework
 * @param watcher what installs, updates and removes the jars of {@code plugins/}
 * @param home    the folders it reads and writes
 */
public record OsgiComponentHost(FelixHost felix, PluginDirectoryWatcher watcher, Layout home)
        implements ComponentHost {
    private static final Logger log = LoggerFactory.getLogger(OsgiComponentHost.class);

    /** The folders the host reads and writes: shipped bundles, the watched plugin folder, the cache. */
    public record Layout(Path bundles, Path plugins, Path cache) {
    }

    /** Starts Felix with its cache under the home's cache folder; returns when the shipped bundles are active. */
    public static OsgiComponentHost start(Layout home, ComponentRegistry registry, boolean watchPlugins) {
        Path storage;
        try {
            Files.createDirectories(home.cache().resolve("osgi"));
            storage = Files.createTempDirectory(home.cache().resolve("osgi"), "felix-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the OSGi cache under " + home.cache() + ": "
                    + e.getMessage(), e);
        }
        FelixHost felix = FelixHost.start(storage, HostPackages.exports());
        new BundleComponentTracker(registry).open(felix.context());
        felix.installAll(jars(home.bundles()));
        PluginDirectoryWatcher watcher = new PluginDirectoryWatcher(home.plugins(), felix);
        watcher.installPresent();
        if (watchPlugins) {
            watcher.start(250);
        }
        return new OsgiComponentHost(felix, watcher, home);
    }

    @Override
    public String description() {
        return "OSGi (Felix)";
    }

    /** The jars in {@code bundles/} and {@code plugins/} as they are now, each with its bundle or its failure. */
    @Override
    public List<PluginJar> jars() {
        List<PluginJar> out = new ArrayList<>();
        for (Path dir : List.of(home.bundles(), home.plugins())) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            for (Path jar : jars(dir)) {
                String file = dir.getFileName() + "/" + jar.getFileName();
                Bundle b = felix.bundleAt(jar);
                Optional<String> failure = felix.failure(jar);
                if (b == null) {
                    out.add(new PluginJar(file, Optional.empty(), Optional.of(failure.orElse(
                            "not installed yet (copied after the last scan)"))));
                    continue;
                }
                if (failure.isEmpty() && b.getState() != Bundle.ACTIVE
                        && b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    failure = Optional.of("bundle is " + state(b.getState()) + ", not active");
                }
                out.add(new PluginJar(file, Optional.of(new ComponentDescriptor.Origin(b.getSymbolicName(),
                        b.getVersion().toString(), b.getBundleId())), failure));
            }
        }
        return out;
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "installed but not resolved";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            case Bundle.UNINSTALLED -> "uninstalled";
            default -> "in state " + state;
        };
    }

    @Override
    public void close() {
        watcher.close();
        felix.close();
        deleteTree(felix.storage());
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

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.debug("Cannot delete {}: {}", dir, e.toString());
        }
    }
}
