package dev.braid.plugin.misbehaving;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.NoConfig;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.generator.Generator;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;

/** A test generator that starts a polling thread and never stops it, not even in close(). */
@BraidComponent(name = "leaky", description = "test: leaves a thread running after close")
public final class LeakyGenerator implements Generator {

    public LeakyGenerator(NoConfig config) {
        Thread poller = new Thread(HangingGenerator::hang, "leaky-poller");
        poller.setDaemon(true);
        poller.start();
    }

    @Override
    public void fit(TrainingData data, ProgressListener progress) {
    }

    @Override
    public void score(Query query, float[] scores) {
    }
}
