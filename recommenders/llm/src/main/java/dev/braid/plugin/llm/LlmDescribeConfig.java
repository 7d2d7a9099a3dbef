package dev.braid.plugin.llm;

import dev.braid.api.component.Param;

/**
 * Configuration of {@code llm-describe}.
 *
 * @param endpoint      a vision-capable chat-completions endpoint and its limits
 * @param maxWords      the length the prompt asks for, in words
 * @param maxChars      a description longer than this is cut (at a word boundary)
 * @param maxImageBytes a larger image is not sent (the item keeps its text, the failure is reported)
 * @param deadlineMs    the time one item's description may take, retries and waiting for a slot included
 * @param includeTitle  whether the item's title goes into the prompt (as data) to help the model name what it sees
 */
public record LlmDescribeConfig(
        @Param(description = "{baseUrl, model, apiKeyEnv, timeoutMs, ...}: a vision-capable chat endpoint")
        EndpointConfig endpoint,
        @Param(description = "length asked of the model, in words", defaultValue = "60", min = 5) int maxWords,
        @Param(description = "longest description kept, in characters", defaultValue = "400", min = 20)
        int maxChars,
        @Param(description = "largest image sent, in bytes", defaultValue = "4194304", min = 1) int maxImageBytes,
        @Param(description = "time budget of one item's description in ms (retries included)",
                defaultValue = "30000", min = 1) int deadlineMs,
        @Param(description = "put the item's title into the prompt (as data)", defaultValue = "false")
        boolean includeTitle) {

    public LlmDescribeConfig {
        if (endpoint == null) {
            throw new IllegalArgumentException("endpoint: missing ({baseUrl: ..., model: ...})");
        }
    }
}
