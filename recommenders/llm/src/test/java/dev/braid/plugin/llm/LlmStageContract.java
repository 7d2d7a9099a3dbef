package dev.braid.plugin.llm;

import dev.braid.testkit.StageContract;

/**
 * The generator contract for the language-model stages: they score nothing (the previous stage's scores stand),
 * learn nothing, and explain through the list they rerank (tested against a stub endpoint in their own tests). The
 * endpoint they are built with is never called here.
 */
abstract class LlmStageContract extends StageContract {
    /** An endpoint no test reaches. */
    static final EndpointConfig UNUSED = Fixtures.endpoint("http://127.0.0.1:9", 1000, 0, 100, false);
}
