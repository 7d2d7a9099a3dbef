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
 * @param audio         transcribing items' audio through an OpenAI-compatible transcription endpoint; off until its
 *                      {@code model} is named
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
        boolean includeTitle,
        @Param(description = "{model, baseUrl, apiKeyEnv, timeoutMs, language, use, maxAudioBytes}: transcribe"
                + " items' audio (/audio/transcriptions); off until model is named", defaultValue = "{}")
        AudioTranscriptionConfig audio) {

    public LlmDescribeConfig {
        if (endpoint == null) {
            throw new IllegalArgumentException("endpoint: missing ({baseUrl: ..., model: ...})");
        }
        audio = audio == null ? AudioTranscriptionConfig.OFF : audio;
    }

    /** Without audio transcription. */
    public LlmDescribeConfig(EndpointConfig endpoint, int maxWords, int maxChars, int maxImageBytes, int deadlineMs,
            boolean includeTitle) {
        this(endpoint, maxWords, maxChars, maxImageBytes, deadlineMs, includeTitle, AudioTranscriptionConfig.OFF);
    }
}
