package dev.braid.plugin.llm;

import dev.braid.api.generator.Generator;

/** {@code llm-rerank} keeps the generator contract as a stage of a chain. */
class LlmRerankerContractTest extends LlmStageContract {
    @Override
    protected Generator newGenerator() {
        return new LlmReranker(new LlmRerankConfig(new ChatParams(UNUSED, 10, 2000), 20, 300, false), environment,
                name -> Fixtures.SECRET);
    }
}
