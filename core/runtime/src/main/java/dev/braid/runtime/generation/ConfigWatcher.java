package dev.braid.runtime.generation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks for a new generation when the configuration file changes (its size or modification time). Polling keeps
 * it simple and works with editors that replace the file and with atomic renames.
 */
public final class ConfigWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Path file;
    private final GenerationManager manager;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "braid-config-watcher");
        t.setDaemon(true);
        return t;
    });
    private String stamp;

    public ConfigWatcher(Path file, GenerationManager manager) {
        this.file = file;
        this.manager = manager;
        this.stamp = stamp();
    }

    public void start(long periodMillis) {
        scheduler.scheduleWithFixedDelay(() -> {
            String now = stamp();
            if (!now.equals(stamp)) {
                stamp = now;
                log.info("Configuration {} changed", file);
                manager.requestBuild("configuration " + file.getFileName() + " changed");
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private String stamp() {
        try {
            return Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return "missing";
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
