package dev.braid.plugin.content;

import dev.braid.api.generator.Generator;
import dev.braid.testkit.GeneratorContract;

/** {@code item-knn} with its defaults keeps the generator contract. */
class ItemKnnContractTest extends GeneratorContract {
    @Override
    protected Generator newGenerator() {
        return new ItemKnnGenerator(ItemKnnConfig.defaults(), backend);
    }
}
