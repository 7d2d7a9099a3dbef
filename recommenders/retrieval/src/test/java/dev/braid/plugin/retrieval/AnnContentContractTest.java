package dev.braid.plugin.retrieval;

import dev.braid.api.generator.Generator;
import dev.braid.testkit.GeneratorContract;

/** {@code ann-content} with its defaults keeps the generator contract. */
class AnnContentContractTest extends GeneratorContract {
    @Override
    protected Generator newGenerator() {
        return new AnnContentGenerator(AnnContentConfig.defaults(), backend, environment);
    }
}
