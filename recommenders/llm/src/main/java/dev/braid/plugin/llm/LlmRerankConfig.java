package dev.braid.plugin.llm;

import dev.braid.api.component.Param;
import dev.braid.api.component.ParamGroup;

/**
 * Configuration of {@code llm-rerank}.
 *
 * @param chat       the endpoint, the history shown and the request's time budget, as for every chat stage
 *                   ({@link ChatParams}); on expiry of the budget the incoming order is kept
 * @param candidates how many of the chain's best items the model reorders (the rest keep their order below them)
 * @param textChars  each item's text is cut to this many characters in the prompt
 * @param optIn      rerank only requests that ask for it with {@code rerank=llm}; otherwise every request except
 *                   those with {@code rerank=off}
 */
public record LlmRerankConfig(
        @ParamGroup ChatParams chat,
        @Param(description = "how many of the chain's best items the model reorders", defaultValue = "20", min = 2)
        int candidates,
        @Param(description = "characters of each item's text in the prompt", defaultValue = "300", min = 0)
        int textChars,
        @Param(description = "rerank only requests with rerank=llm", defaultValue = "false") boolean optIn)
        implements ChatStage.Settings {
}
