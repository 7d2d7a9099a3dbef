package dev.braid.plugin.probe;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.Param;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.generator.Generator;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;

/** A test generator that adds a fixed bonus to one item, so tests can see that it took part in a generation. */
@BraidComponent(name = "probe", config = ProbeGenerator.Config.class, description = "test probe: boosts one item")
public final class ProbeGenerator implements Generator {
    private final Config config;
    private int target = -1;

    /** @param item the item to boost; bonus how much to add */
    public record Config(@Param(description = "item to boost", defaultValue = "") String item,
                         @Param(description = "bonus", defaultValue = "1000") double bonus) {
    }

    public ProbeGenerator(Config config) {
        this.config = config;
    }

    @Override
    public void fit(TrainingData data, ProgressListener progress) {
        target = data.catalog().indexOf(config.item());
    }

    @Override
    public void score(Query query, float[] scores) {
        if (target >= 0 && scores[target] != Float.NEGATIVE_INFINITY) {
            scores[target] += (float) config.bonus();
        }
    }
}
