package dev.braid.runtime.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.felix.framework.Felix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Apache Felix framework. The host class path (API, SLF4J, native-bearing libraries) is exported to
 * bundles through {@code org.osgi.framework.system.packages.extra}, so every bundle sees the same API classes.
 * Bundles are installed from streams, so their files may be replaced or deleted afterwards.
 */
public final class FelixHost implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FelixHost.class);

    private final Framework framework;
    private final Path storage;
    /** The last install, start or update failure of each jar location, until it next succeeds. */
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    private FelixHost(Framework framework, Path storage) {
        this.framework = framework;
        this.storage = storage;
    }

    /**
     * Starts the framework with its bundle cache in {@code storage} (cleaned at start).
     *
     * @param exportedPackages host packages to export, in Export-Package syntax
     */
    public static FelixHost start(Path storage, String exportedPackages) {
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toAbsolutePath().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, exportedPackages);
        // Plugins may ship several versions of one bundle (one in bundles/, a newer one in plugins/).
        config.put(Constants.FRAMEWORK_BSNVERSION, Constants.FRAMEWORK_BSNVERSION_MULTIPLE);
        config.put("felix.log.level", "1");
        Felix felix = new Felix(config);
        try {
            Files.createDirectories(storage);
            felix.init();
            felix.start();
        } catch (BundleException | IOException e) {
            throw new IllegalStateException("cannot start the OSGi framework in " + storage + ": " + e.getMessage(), e);
        }
        return new FelixHost(felix, storage);
    }

    /** The framework's bundle cache folder. */
    public Path storage() {
        return storage;
    }

    public BundleContext context() {
        return framework.getBundleContext();
    }

    /** Installs and starts a bundle from a jar file; the location is the file's URI. */
    public Bundle install(Path jar) throws BundleException, IOException {
        try (InputStream in = Files.newInputStream(jar)) {
            Bundle bundle = context().installBundle(location(jar), in);
            start(bundle);
            failures.remove(location(jar));
            return bundle;
        } catch (BundleException | IOException | RuntimeException e) {
            failed(jar, e);
            throw e;
        }
    }

    /** Installs (not starts) several jars, then starts them all: lets bundles resolve against each other. */
    public List<Bundle> installAll(List<Path> jars) {
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : jars) {
            try (InputStream in = Files.newInputStream(jar)) {
                installed.add(context().installBundle(location(jar), in));
                failures.remove(location(jar));
            } catch (BundleException | IOException e) {
                log.error("Cannot install bundle {}: {}", jar, e.getMessage());
                failed(jar, e);
            }
        }
        for (Bundle b : installed) {
            try {
                start(b);
            } catch (BundleException e) {
                log.error("Cannot start bundle {} {} from {}: {}", b.getSymbolicName(), b.getVersion(),
                        b.getLocation(), e.getMessage());
                failures.put(b.getLocation(), "cannot start: " + e.getMessage());
            }
        }
        return installed;
    }

    private static void start(Bundle bundle) throws BundleException {
        if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
            bundle.start();
        }
    }

    /** Replaces a bundle's content with a new jar and refreshes it, so its next class loader sees the new code. */
    public void update(Bundle bundle, Path jar) throws BundleException, IOException {
        try (InputStream in = Files.newInputStream(jar)) {
            bundle.update(in);
            failures.remove(location(jar));
        } catch (BundleException | IOException | RuntimeException e) {
            failed(jar, e);
            throw e;
        }
        refresh(List.of(bundle));
    }

    /** Why the last install, start or update of this jar failed, if it did and has not succeeded since. */
    public Optional<String> failure(Path jar) {
        return Optional.ofNullable(failures.get(location(jar)));
    }

    private void failed(Path jar, Exception e) {
        // Felix wraps the reason ("Unable to cache bundle"): the cause says what is wrong with the file.
        String cause = e.getCause() != null && e.getCause() != e ? " (" + e.getCause() + ")" : "";
        failures.put(location(jar), (e instanceof IOException ? "cannot read: " : "cannot install or start: ")
                + e.getMessage() + cause);
    }

    /** Uninstalls a bundle and refreshes the framework's wiring. */
    public void uninstall(Bundle bundle) throws BundleException {
        failures.remove(bundle.getLocation());
        bundle.uninstall();
        refresh(List.of(bundle));
    }

    private void refresh(List<Bundle> bundles) {
        CountDownLatch done = new CountDownLatch(1);
        framework.adapt(FrameworkWiring.class).refreshBundles(bundles, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        });
        try {
            if (!done.await(30, TimeUnit.SECONDS)) {
                log.warn("Refreshing bundles {} took more than 30 s", bundles);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The bundle installed from this jar, if any. */
    public Bundle bundleAt(Path jar) {
        return context().getBundle(location(jar));
    }

    public static String location(Path jar) {
        return jar.toAbsolutePath().normalize().toUri().toString();
    }

    @Override
    public void close() {
        try {
            framework.stop();
            framework.waitForStop(30_000);
        } catch (BundleException e) {
            log.warn("Stopping the OSGi framework failed: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
