package dev.braid.plugin.llm;

import dev.braid.api.component.Param;

/**
 * Configuration of {@code llm-explain}.
 *
 * @param endpoint     the chat-completions endpoint and its limits
 * @param historyItems how many of the user's most recent training items the prompt shows
 * @param textChars    each item's text is cut to this many characters in the prompt
 * @param maxChars     an explanation longer than this is cut (at a word boundary)
 * @param deadlineMs   the LLM time budget of one request, shared with the other LLM stages of the chain
 */
public record LlmExplainConfig(
        @Param(description = "{baseUrl, model, apiKeyEnv, timeoutMs, ...}: as for llm-rerank") EndpointConfig endpoint,
        @Param(description = "most recent training items of the user shown in the prompt", defaultValue = "10",
                min = 0) int historyItems,
        @Param(description = "characters of each item's text in the prompt", defaultValue = "200", min = 0)
        int textChars,
        @Param(description = "longest explanation kept, in characters", defaultValue = "240", min = 20)
        int maxChars,
        @Param(description = "LLM time budget per request in ms (shared with the other LLM stages)",
                defaultValue = "2000", min = 1) int deadlineMs) implements ChatStage.Settings {

    public LlmExplainConfig {
        if (endpoint == null) {
            throw new IllegalArgumentException("endpoint: missing ({baseUrl: ..., model: ...})");
        }
    }
}
