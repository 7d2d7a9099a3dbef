package dev.braid.plugin.llm;

import dev.braid.api.component.Param;

/**
 * How to reach an OpenAI-compatible chat-completions endpoint (vLLM, Ollama, llama.cpp server, a hosted API) and
 * how much of it a run may use. Written as the {@code endpoint} map of an LLM component; omitted numbers take the
 * defaults below.
 *
 * @param baseUrl           the API root, e.g. {@code http://127.0.0.1:8000/v1}; {@code /chat/completions} is appended
 * @param model             the model name the server knows
 * @param apiKeyEnv         the environment variable holding the API key (sent as a bearer token); the key itself
 *                          never appears in configuration, logs, reports or messages. Empty: no key
 * @param timeoutMs         the longest one HTTP attempt may take, headers and body
 * @param maxConcurrent     requests in flight at once; a call that finds no slot within its deadline falls back
 * @param maxRetries        further attempts after a 429, a 5xx, a timeout or a dropped connection
 * @param backoffMs         the wait before the first retry, doubled for each next one (a 429's Retry-After wins)
 * @param maxRequests       requests this component may send per run (0: no limit)
 * @param maxTokens         tokens (prompt plus answer, as the server counts them) per run (0: no limit)
 * @param breakerFailures   consecutive failed calls that open the circuit breaker
 * @param breakerCooldownMs how long an open breaker refuses calls before it lets one trial call through
 * @param maxResponseBytes  a larger response body is cut off and counts as a failure
 * @param maxOutputTokens   the {@code max_tokens} asked of the model
 * @param temperature       the sampling temperature (0: the most deterministic answer)
 * @param cacheDir          where answers are cached (default {@code <cache>/llm}); empty string: the default
 * @param cache             whether to read and write the answer cache
 */
public record EndpointConfig(
        @Param(description = "API root, e.g. http://127.0.0.1:8000/v1 (/chat/completions is appended)")
        String baseUrl,
        @Param(description = "model name as the server knows it") String model,
        @Param(description = "environment variable holding the API key; empty for none", defaultValue = "")
        String apiKeyEnv,
        @Param(description = "longest time for one HTTP attempt, in ms", defaultValue = "2000", min = 1)
        Integer timeoutMs,
        @Param(description = "requests in flight at once", defaultValue = "8", min = 1) Integer maxConcurrent,
        @Param(description = "retries after 429, 5xx, timeout or dropped connection", defaultValue = "2", min = 0)
        Integer maxRetries,
        @Param(description = "wait before the first retry in ms, doubled each time (Retry-After wins)",
                defaultValue = "100", min = 0) Integer backoffMs,
        @Param(description = "requests per run, 0 for no limit", defaultValue = "0", min = 0) Long maxRequests,
        @Param(description = "tokens per run (server's count), 0 for no limit", defaultValue = "0", min = 0)
        Long maxTokens,
        @Param(description = "consecutive failed calls that open the circuit breaker", defaultValue = "5", min = 1)
        Integer breakerFailures,
        @Param(description = "ms an open breaker refuses calls before a trial call", defaultValue = "10000",
                min = 0) Integer breakerCooldownMs,
        @Param(description = "largest accepted response body in bytes", defaultValue = "1048576", min = 1024)
        Integer maxResponseBytes,
        @Param(description = "max_tokens asked of the model", defaultValue = "512", min = 1)
        Integer maxOutputTokens,
        @Param(description = "sampling temperature", defaultValue = "0", min = 0) Double temperature,
        @Param(description = "answer cache folder (default <cache>/llm)", defaultValue = "") String cacheDir,
        @Param(description = "read and write the answer cache", defaultValue = "true") Boolean cache) {

    public EndpointConfig {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("endpoint.baseUrl: missing (e.g. http://127.0.0.1:8000/v1)");
        }
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new IllegalArgumentException("endpoint.baseUrl: expected an http:// or https:// URL, got '"
                    + Redaction.url(baseUrl) + "'");
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("endpoint.model: missing (the model name the server knows)");
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        apiKeyEnv = apiKeyEnv == null ? "" : apiKeyEnv.trim();
        timeoutMs = positive("timeoutMs", timeoutMs, 2000);
        maxConcurrent = positive("maxConcurrent", maxConcurrent, 8);
        maxRetries = nonNegative("maxRetries", maxRetries, 2);
        backoffMs = nonNegative("backoffMs", backoffMs, 100);
        maxRequests = maxRequests == null ? 0L : maxRequests;
        maxTokens = maxTokens == null ? 0L : maxTokens;
        if (maxRequests < 0 || maxTokens < 0) {
            throw new IllegalArgumentException("endpoint.maxRequests and endpoint.maxTokens must be >= 0");
        }
        breakerFailures = positive("breakerFailures", breakerFailures, 5);
        breakerCooldownMs = nonNegative("breakerCooldownMs", breakerCooldownMs, 10_000);
        maxResponseBytes = positive("maxResponseBytes", maxResponseBytes, 1 << 20);
        maxOutputTokens = positive("maxOutputTokens", maxOutputTokens, 512);
        temperature = temperature == null ? 0.0 : temperature;
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("endpoint.temperature: expected 0 to 2, got " + temperature);
        }
        cacheDir = cacheDir == null ? "" : cacheDir;
        cache = cache == null || cache;
    }

    /** An endpoint with every limit at its default. */
    public static EndpointConfig of(String baseUrl, String model, String apiKeyEnv) {
        return new EndpointConfig(baseUrl, model, apiKeyEnv, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    private static Integer positive(String name, Integer v, int fallback) {
        if (v == null) {
            return fallback;
        }
        if (v < 1) {
            throw new IllegalArgumentException("endpoint." + name + ": expected at least 1, got " + v);
        }
        return v;
    }

    private static Integer nonNegative(String name, Integer v, int fallback) {
        if (v == null) {
            return fallback;
        }
        if (v < 0) {
            throw new IllegalArgumentException("endpoint." + name + ": expected at least 0, got " + v);
        }
        return v;
    }
}
