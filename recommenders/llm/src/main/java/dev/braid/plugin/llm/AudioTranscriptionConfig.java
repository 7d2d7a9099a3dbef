package dev.braid.plugin.llm;

import dev.braid.api.component.Param;
import java.util.Locale;

/**
 * The {@code audio} map of {@code llm-describe}: transcribing items' audio through an OpenAI-compatible
 * {@code /audio/transcriptions} endpoint. Off until a {@code model} is named. The endpoint's limits (timeouts,
 * retries, budget, breaker, cache) are those of the describer's {@code endpoint}, with the address, key and
 * attempt timeout overridable here, since a transcription server is often another server than the vision model.
 *
 * @param model         the transcription model ({@code whisper-1}, {@code Systran/faster-whisper-small}); empty: off
 * @param baseUrl       the API root of the transcription server; empty: the {@code endpoint}'s
 * @param apiKeyEnv     the environment variable holding its key; empty: the {@code endpoint}'s when the server is
 *                      the same, none when {@code baseUrl} names another (a key is never sent to a server it was
 *                      not named for)
 * @param timeoutMs     the longest one upload and transcription may take; 0: the {@code endpoint}'s
 * @param language      the spoken language (ISO-639-1, e.g. {@code en}); empty: the model detects it
 * @param use           {@code no-image}: transcribe items that have audio and no image; {@code always}: every item
 *                      with audio, the transcript following the image's description
 * @param maxAudioBytes a larger file is not sent (the item keeps its text, the failure is reported)
 */
public record AudioTranscriptionConfig(
        @Param(description = "transcription model (whisper-1); empty: audio is not transcribed", defaultValue = "")
        String model,
        @Param(description = "API root of the transcription server; empty: endpoint.baseUrl", defaultValue = "")
        String baseUrl,
        @Param(description = "environment variable holding its API key; empty: endpoint.apiKeyEnv on the same"
                + " server, none on another", defaultValue = "") String apiKeyEnv,
        @Param(description = "longest time for one upload and transcription in ms; 0: endpoint.timeoutMs",
                defaultValue = "0", min = 0) Integer timeoutMs,
        @Param(description = "spoken language (ISO-639-1); empty: detected", defaultValue = "") String language,
        @Param(description = "no-image (items with audio and no image) or always (every item with audio)",
                defaultValue = "no-image") String use,
        @Param(description = "largest audio file sent, in bytes", defaultValue = "26214400", min = 1)
        Integer maxAudioBytes) {

    /** Audio off. */
    public static final AudioTranscriptionConfig OFF = new AudioTranscriptionConfig(null, null, null, null, null,
            null, null);

    public AudioTranscriptionConfig {
        model = model == null ? "" : model.trim();
        baseUrl = baseUrl == null ? "" : baseUrl.trim();
        apiKeyEnv = apiKeyEnv == null ? "" : apiKeyEnv.trim();
        timeoutMs = timeoutMs == null ? 0 : timeoutMs;
        language = language == null ? "" : language.trim();
        use = use == null ? "no-image" : use.trim().toLowerCase(Locale.ROOT);
        if (!use.equals("no-image") && !use.equals("always")) {
            throw new IllegalArgumentException("audio.use: unknown value '" + use + "'; expected no-image or always");
        }
        if (timeoutMs < 0) {
            throw new IllegalArgumentException("audio.timeoutMs: expected at least 0, got " + timeoutMs);
        }
        maxAudioBytes = maxAudioBytes == null ? 26_214_400 : maxAudioBytes;
        if (maxAudioBytes < 1) {
            throw new IllegalArgumentException("audio.maxAudioBytes: expected at least 1, got " + maxAudioBytes);
        }
    }

    public boolean enabled() {
        return !model.isEmpty();
    }

    /** Whether items that also have an image are transcribed. */
    public boolean always() {
        return use.equals("always");
    }

    /** The transcription endpoint: the describer's, with this model and the overrides given here. */
    EndpointConfig endpoint(EndpointConfig chat) {
        return new EndpointConfig(baseUrl.isEmpty() ? chat.baseUrl() : baseUrl, model,
                !apiKeyEnv.isEmpty() || !baseUrl.isEmpty() ? apiKeyEnv : chat.apiKeyEnv(),
                timeoutMs == 0 ? chat.timeoutMs() : timeoutMs,
                chat.maxConcurrent(), chat.maxRetries(), chat.backoffMs(), chat.maxRequests(), chat.maxTokens(),
                chat.breakerFailures(), chat.breakerCooldownMs(), chat.maxResponseBytes(), chat.maxOutputTokens(),
                chat.temperature(), chat.cacheDir(), chat.cache());
    }
}
