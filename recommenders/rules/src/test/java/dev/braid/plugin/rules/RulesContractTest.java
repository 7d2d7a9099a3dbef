package dev.braid.plugin.rules;

import dev.braid.api.generator.Generator;
import dev.braid.testkit.GeneratorContract;

/**
 * {@code rules} with its defaults (the user's training items filtered) keeps the generator contract. Rules learn
 * nothing, and they explain the items they touch, which the top of a list never is here ({@link RulesGeneratorTest}
 * checks their reasons).
 */
class RulesContractTest extends GeneratorContract {
    @Override
    protected Generator newGenerator() {
        return new RulesGenerator(RulesConfig.defaults());
    }

    @Override
    protected boolean learns() {
        return false;
    }

    @Override
    protected boolean explains() {
        return false;
    }
}
