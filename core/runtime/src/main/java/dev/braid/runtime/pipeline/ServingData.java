package dev.braid.runtime.pipeline;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.datasets.Dataset;
import dev.braid.runtime.config.BraidConfig;
import dev.braid.runtime.generation.PipelineData;
import java.nio.file.Path;

/** The data a live (serving) pipeline is built on: the whole dataset, every interaction used for training. */
public final class ServingData {
    private ServingData() {
    }

    public static PipelineData load(BraidConfig config, Path cacheDir, long seed) {
        Dataset ds = DatasetLoader.load(config.dataset(), config.baseDir(), cacheDir, ProgressListener.NONE);
        return new PipelineData(ds.name(), ds.catalog(), InteractionMatrix.of(ds.catalog(), ds.interactions()),
                ds.fingerprint(), seed);
    }
}
