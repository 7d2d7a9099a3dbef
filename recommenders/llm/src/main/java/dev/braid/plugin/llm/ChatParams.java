package dev.braid.plugin.llm;

import dev.braid.api.component.Param;

/**
 * What the chat stages ({@code llm-rerank}, {@code llm-explain}) are configured with alike, written at each stage's
 * top level ({@link dev.braid.api.component.ParamGroup}): the endpoint, how much of the user's history a prompt
 * shows, and the time budget of one request that the LLM stages of a chain share.
 *
 * @param endpoint     the chat-completions endpoint and its limits
 * @param historyItems how many of the user's most recent training items the prompt shows
 * @param deadlineMs   the LLM time budget of one request, shared with the other LLM stages of the chain; on expiry a
 *                     stage gives up for that request (the reranker keeps the incoming order)
 */
public record ChatParams(
        @Param(description = "{baseUrl, model, apiKeyEnv, timeoutMs, maxConcurrent, maxRetries, backoffMs, "
                + "maxRequests, maxTokens, breakerFailures, breakerCooldownMs, maxResponseBytes, maxOutputTokens, "
                + "temperature, cacheDir, cache}") EndpointConfig endpoint,
        @Param(description = "most recent training items of the user shown in the prompt", defaultValue = "10",
                min = 0) int historyItems,
        @Param(description = "LLM time budget per request in ms (shared with the other LLM stages of the chain)",
                defaultValue = "2000", min = 1) int deadlineMs) {

    public ChatParams {
        if (endpoint == null) {
            throw new IllegalArgumentException("endpoint: missing ({baseUrl: ..., model: ...})");
        }
    }
}
