package dev.braid.plugin.llm;

import dev.braid.api.generator.Generator;

/** {@code llm-explain} keeps the generator contract as a stage of a chain. */
class LlmExplainerContractTest extends LlmStageContract {
    @Override
    protected Generator newGenerator() {
        return new LlmExplainer(new LlmExplainConfig(UNUSED, 10, 200, 80, 2000), environment,
                name -> Fixtures.SECRET);
    }
}
