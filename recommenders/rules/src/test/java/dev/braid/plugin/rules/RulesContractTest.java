package dev.braid.plugin.rules;

import dev.braid.api.generator.Generator;
import dev.braid.testkit.StageContract;

/**
 * {@code rules} with its defaults (the user's training items filtered) keeps the generator contract. Rules learn
 * nothing, and they explain the items they touch, which the top of a list never is here ({@link RulesGeneratorTest}
 * checks their reasons).
 */
class RulesContractTest extends StageContract {
    @Override
    protected Generator newGenerator() {
        return new RulesGenerator(RulesConfig.defaults());
    }
}
