package dev.braid.plugin.factorization;

import dev.braid.api.generator.Generator;
import dev.braid.testkit.GeneratorContract;

/** {@code bpr} with its defaults keeps the generator contract. */
class BprContractTest extends GeneratorContract {
    @Override
    protected Generator newGenerator() {
        return new BprGenerator(BprConfig.defaults(), environment);
    }
}
