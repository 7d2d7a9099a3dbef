package dev.braid.plugin.popularity;

import dev.braid.api.generator.Generator;
import dev.braid.testkit.GeneratorContract;

/**
 * {@code popularity} with its defaults keeps the generator contract. On planted data every group is about as
 * popular as the others, so there is no held-out signal for it to find ({@link PopularityGeneratorTest} checks the
 * ranking by popularity itself).
 */
class PopularityContractTest extends GeneratorContract {
    @Override
    protected Generator newGenerator() {
        return new PopularityGenerator(PopularityConfig.defaults());
    }

    @Override
    protected boolean learns() {
        return false;
    }
}
