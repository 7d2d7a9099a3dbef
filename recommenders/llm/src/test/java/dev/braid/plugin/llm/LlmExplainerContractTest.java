package dev.braid.plugin.llm;

import dev.braid.api.generator.Generator;

/** {@code llm-explain} keeps the generator contract as a stage of a chain. */
class LlmExplainerContractTest extends LlmStageContract {
    @Override
    protected Generator newGenerator() {
        return new LlmExplainer(new LlmExplainConfig(new ChatParams(UNUSED, 10, 2000), 200, 80), environment,
                name -> Fixtures.SECRET);
    }
}
