package dev.braid.plugin.factorization;

import dev.braid.api.generator.Generator;
import dev.braid.testkit.GeneratorContract;

/** {@code vbpr} with its defaults keeps the generator contract. */
class VbprContractTest extends GeneratorContract {
    @Override
    protected Generator newGenerator() {
        return new VbprGenerator(VbprConfig.defaults(), environment);
    }
}
