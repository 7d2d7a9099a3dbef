package dev.braid.plugin.content;

import dev.braid.api.generator.Generator;
import dev.braid.testkit.GeneratorContract;

/** {@code content-profile} with its defaults keeps the generator contract. */
class ContentProfileContractTest extends GeneratorContract {
    @Override
    protected Generator newGenerator() {
        return new ContentProfileGenerator(ContentProfileConfig.defaults(), backend);
    }
}
