package dev.braid.plugin.faulty;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.NoConfig;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.generator.Generator;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;

/** A test generator whose constructor always throws: the runtime must report it and keep serving. */
@BraidComponent(name = "faulty", config = NoConfig.class, description = "test: throws in its constructor")
public final class FaultyGenerator implements Generator {

    public FaultyGenerator(NoConfig config) {
        throw new IllegalStateException("model file /nonexistent/faulty.bin is missing");
    }

    @Override
    public void fit(TrainingData data, ProgressListener progress) {
    }

    @Override
    public void score(Query query, float[] scores) {
    }
}
