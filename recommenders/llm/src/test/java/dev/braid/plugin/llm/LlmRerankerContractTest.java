package dev.braid.plugin.llm;

import dev.braid.api.generator.Generator;

/** {@code llm-rerank} keeps the generator contract as a stage of a chain. */
class LlmRerankerContractTest extends LlmStageContract {
    @Override
    protected Generator newGenerator() {
        return new LlmReranker(new LlmRerankConfig(UNUSED, 20, 10, 300, 2000, false), environment,
                name -> Fixtures.SECRET);
    }
}
