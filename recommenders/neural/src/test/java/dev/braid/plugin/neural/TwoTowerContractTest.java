package dev.braid.plugin.neural;

import dev.braid.api.generator.Generator;
import dev.braid.testkit.GeneratorContract;

/** {@code two-tower} (16 factors, 12 epochs, trained with DJL on the CPU) keeps the generator contract. */
class TwoTowerContractTest extends GeneratorContract {
    @Override
    protected Generator newGenerator() {
        return new TwoTowerGenerator(new TwoTowerConfig(16, 32, 0, true, 0.5, true, false, 0.1, 128, 64, true, true,
                20, 12, 0.01, 0, 0, 1, 3, 2000, 1, ""), environment, backend);
    }
}
