package dev.braid.plugin.llm;

import dev.braid.api.component.Param;

/**
 * Configuration of {@code llm-rerank}.
 *
 * @param endpoint     the chat-completions endpoint and its limits
 * @param candidates   how many of the chain's best items the model reorders (the rest keep their order below them)
 * @param historyItems how many of the user's most recent training items the prompt shows
 * @param textChars    each item's text is cut to this many characters in the prompt
 * @param deadlineMs   the LLM time budget of one request, shared with later LLM stages of the chain; on expiry the
 *                     incoming order is kept
 * @param optIn        rerank only requests that ask for it with {@code rerank=llm}; otherwise every request except
 *                     those with {@code rerank=off}
 */
public record LlmRerankConfig(
        @Param(description = "{baseUrl, model, apiKeyEnv, timeoutMs, maxConcurrent, maxRetries, backoffMs, "
                + "maxRequests, maxTokens, breakerFailures, breakerCooldownMs, maxResponseBytes, maxOutputTokens, "
                + "temperature, cacheDir, cache}") EndpointConfig endpoint,
        @Param(description = "how many of the chain's best items the model reorders", defaultValue = "20", min = 2)
        int candidates,
        @Param(description = "most recent training items of the user shown in the prompt", defaultValue = "10",
                min = 0) int historyItems,
        @Param(description = "characters of each item's text in the prompt", defaultValue = "300", min = 0)
        int textChars,
        @Param(description = "LLM time budget per request in ms (shared with later LLM stages)",
                defaultValue = "2000", min = 1) int deadlineMs,
        @Param(description = "rerank only requests with rerank=llm", defaultValue = "false") boolean optIn)
        implements ChatStage.Settings {

    public LlmRerankConfig {
        if (endpoint == null) {
            throw new IllegalArgumentException("endpoint: missing ({baseUrl: ..., model: ...})");
        }
    }
}
