package dev.braid.plugin.factorization;

import dev.braid.api.generator.Generator;
import dev.braid.plugin.factorization.hybrid.HybridMapConfig;
import dev.braid.plugin.factorization.hybrid.HybridMapGenerator;
import dev.braid.testkit.GeneratorContract;

/** {@code hybrid-map} with its defaults keeps the generator contract. */
class HybridMapContractTest extends GeneratorContract {
    @Override
    protected Generator newGenerator() {
        return new HybridMapGenerator(HybridMapConfig.defaults());
    }
}
