package com.example.braid;

import dev.braid.api.generator.Generator;
import dev.braid.testkit.GeneratorContract;

/**
 * The Braid test kit's generator contract, run on {@code more-like}. It recommends look-alikes of one seed item to
 * everybody, so it is not expected to learn a user's taste.
 */
class MoreLikeGeneratorContractTest extends GeneratorContract {
    @Override
    protected Generator newGenerator() {
        return new MoreLikeGenerator(new MoreLikeConfig("i0", 1.0));
    }

    @Override
    protected boolean learns() {
        return false;
    }
}
