package dev.braid.runtime.osgi;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the {@code plugins/} folder: a jar dropped in is installed and started, a replaced jar updates its
 * bundle, a removed jar uninstalls it, all while Braid runs. Polls (like Felix FileInstall) rather than relying on
 * file-system events, and acts on a file only once its size and time have been stable for one poll, so a jar still
 * being copied is never installed half-written.
 */
public final class PluginDirectoryWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PluginDirectoryWatcher.class);

    private final Path directory;
    private final FelixHost host;
    private final ScheduledExecutorService scheduler;
    /** Jars acted on, with the stamp they had then. */
    private final Map<Path, String> known = new HashMap<>();
    /** Stamps seen at the previous poll, to wait for stability. */
    private final Map<Path, String> pending = new HashMap<>();

    public PluginDirectoryWatcher(Path directory, FelixHost host) {
        this.directory = directory;
        this.host = host;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "braid-plugin-watcher");
            t.setDaemon(true);
            return t;
        });
    }

    /** Polls every {@code periodMillis}; call {@link #installPresent()} first. */
    public void start(long periodMillis) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                scanOnce(false);
            } catch (RuntimeException e) {
                log.error("Scanning {} failed", directory, e);
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Installs and starts every jar in the folder now, together (so plugins may resolve against each other), and
     * returns when they are started: whatever is in {@code plugins/} when the runtime starts is part of it.
     */
    public void installPresent() {
        scanOnce(true);
    }

    /** One pass over the folder. {@code initial}: act at once, without waiting for stability. */
    synchronized void scanOnce(boolean initial) {
        Map<Path, String> now = new HashMap<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(directory, "*.jar")) {
            for (Path jar : jars) {
                try {
                    BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
                    now.put(jar, a.size() + "@" + a.lastModifiedTime().toMillis());
                } catch (IOException e) {
                    // vanished between listing and reading: treated as removed
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return; // no plugins/ folder: nothing to install
        } catch (IOException e) {
            log.warn("Cannot list {}: {}", directory, e.toString());
            return;
        }
        List<Path> fresh = new ArrayList<>();
        for (Map.Entry<Path, String> e : now.entrySet()) {
            Path jar = e.getKey();
            String stamp = e.getValue();
            if (stamp.equals(known.get(jar))) {
                pending.remove(jar);
                continue;
            }
            if (!initial && !stamp.equals(pending.put(jar, stamp))) {
                continue; // changed since last poll: wait until it is stable
            }
            pending.remove(jar);
            known.put(jar, stamp);
            if (initial && host.bundleAt(jar) == null) {
                fresh.add(jar);
            } else {
                installOrUpdate(jar);
            }
        }
        fresh.sort(null);
        for (Bundle b : host.installAll(fresh)) {
            log.info("Installed plugin {} {} from {}", b.getSymbolicName(), b.getVersion(), b.getLocation());
        }
        for (Path gone : known.keySet().stream().filter(p -> !now.containsKey(p)).toList()) {
            known.remove(gone);
            pending.remove(gone);
            uninstall(gone);
        }
    }

    private void installOrUpdate(Path jar) {
        Bundle existing = host.bundleAt(jar);
        try {
            if (existing == null) {
                Bundle b = host.install(jar);
                log.info("Installed plugin {} {} from {}", b.getSymbolicName(), b.getVersion(), jar.getFileName());
            } else {
                host.update(existing, jar);
                if (existing.getState() != Bundle.ACTIVE) {
                    existing.start();
                }
                log.info("Updated plugin {} to {} from {}", existing.getSymbolicName(), existing.getVersion(),
                        jar.getFileName());
            }
        } catch (BundleException | IOException | RuntimeException e) {
            log.error("Cannot install plugin {}: {}", jar, e.getMessage());
        }
    }

    private void uninstall(Path jar) {
        Bundle b = host.bundleAt(jar);
        if (b == null) {
            return;
        }
        try {
            String label = b.getSymbolicName() + " " + b.getVersion();
            host.uninstall(b);
            log.info("Removed plugin {} ({} was deleted)", label, jar.getFileName());
        } catch (BundleException | RuntimeException e) {
            log.error("Cannot uninstall plugin {}: {}", jar, e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
