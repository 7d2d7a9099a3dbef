package dev.braid.runtime.pipeline;

import dev.braid.runtime.BraidRuntime;
import dev.braid.runtime.config.BraidConfig;
import dev.braid.runtime.generation.BuildOutcome;
import dev.braid.runtime.generation.ConfigWatcher;
import dev.braid.runtime.generation.GenerationManager;
import java.nio.file.Path;

/**
 * A pipeline that stays live: built from a configuration file over the whole dataset, rebuilt as a new generation
 * whenever the file or the plugins change. This is what {@code braid serve} runs.
 *
 * @param services    the services its generations are built with
 * @param generations the live generation and its successors
 * @param watcher     what rebuilds on a change of the file
 */
public record LivePipeline(PipelineServices services, GenerationManager generations, ConfigWatcher watcher)
        implements AutoCloseable {

    /**
     * Validates the configuration, builds the first generation and starts watching the file.
     *
     * @param variant the variant to serve, or {@code null} for the first
     * @throws dev.braid.runtime.config.ConfigException when the configuration is invalid at start
     * @throws IllegalStateException when the first generation cannot be built
     */
    public static LivePipeline start(BraidRuntime runtime, Path configFile, String variant) {
        BraidConfig first = BraidConfig.load(configFile);
        long seed = 42;
        PipelineServices services = new PipelineServices(runtime, first.backend(), first.baseDir(), seed);
        GenerationManager manager = new GenerationManager(() -> BraidConfig.load(configFile),
                config -> ServingData.load(config, runtime.home().cache(), seed), runtime.registry(),
                services.builder(), variant);
        BuildOutcome outcome = manager.start();
        if (!outcome.succeeded()) {
            manager.close();
            services.close();
            throw new IllegalStateException("the first generation could not be built: " + outcome.error());
        }
        ConfigWatcher watcher = new ConfigWatcher(configFile, manager);
        watcher.start(200);
        return new LivePipeline(services, manager, watcher);
    }

    @Override
    public void close() {
        watcher.close();
        generations.close();
        services.close();
    }
}
