package dev.braid.plugin.content;

import dev.braid.api.generator.Generator;
import dev.braid.testkit.GeneratorContract;

/** {@code late-fusion} with its defaults keeps the generator contract; it gives no reasons of its own. */
class LateFusionContractTest extends GeneratorContract {
    @Override
    protected Generator newGenerator() {
        return new LateFusionGenerator(LateFusionConfig.defaults(), backend);
    }

    @Override
    protected boolean explains() {
        return false;
    }
}
