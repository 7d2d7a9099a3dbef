package dev.braid.plugin.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of an OpenAI-compatible {@code /chat/completions} endpoint (and of its {@code /audio/transcriptions}
 * endpoint, {@link #transcribe}), built on the JDK HTTP client and Jackson.
 * Every call has a deadline: attempts, retries (429 honouring Retry-After, 5xx, timeouts, dropped connections,
 * with doubling backoff) and the wait for a concurrency slot all fit inside it, so a caller always gets an answer
 * or an {@link LlmException} in time. Answers are cached on disk by request fingerprint; a run's requests and
 * tokens are budgeted; a circuit breaker stops calls to an endpoint that keeps failing. The API key is read from
 * the environment variable the configuration names and is never logged or put in a message.
 *
 * <p>Thread-safe; one instance per component.
 */
public final class ChatClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Most threads of the HTTP client's executor (plus its one selector thread). */
    static final int HTTP_THREADS = 4;

    private final EndpointConfig config;
    private final URI uri;
    private final URI transcriptions;
    private final String apiKey;
    private final ExecutorService executor;
    private final HttpClient http;
    private final Semaphore slots;
    private final CircuitBreaker breaker;
    private final Budget budget;
    private final AnswerCache cache;
    private final LongSupplier clock;

    /**
     * @param config          the endpoint
     * @param defaultCacheDir the cache folder when the configuration names none
     * @param environment     reads environment variables ({@code System::getenv})
     * @throws IllegalArgumentException when the key's environment variable is named but not set
     */
    public ChatClient(EndpointConfig config, Path defaultCacheDir, Function<String, String> environment) {
        this.config = config;
        this.uri = URI.create(config.baseUrl() + "/chat/completions");
        this.transcriptions = URI.create(config.baseUrl() + "/audio/transcriptions");
        if (!config.apiKeyEnv().isEmpty()) {
            String key = environment.apply(config.apiKeyEnv());
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("endpoint.apiKeyEnv: the environment variable '"
                        + config.apiKeyEnv() + "' is not set (it should hold the API key)");
            }
            this.apiKey = key.trim();
        } else {
            this.apiKey = null;
        }
        // The HTTP client's own work (completing exchanges, reading bodies) never blocks: a few threads suffice,
        // and a bounded pool keeps a slow or failing endpoint from growing the server's thread count.
        int threads = Math.min(HTTP_THREADS, config.maxConcurrent());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "braid-llm-http-" + THREADS.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofMillis(config.timeoutMs())).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.slots = new Semaphore(config.maxConcurrent());
        this.clock = System::nanoTime;
        this.breaker = new CircuitBreaker(config.breakerFailures(),
                TimeUnit.MILLISECONDS.toNanos(config.breakerCooldownMs()), clock);
        this.budget = new Budget(config.maxRequests(), config.maxTokens());
        this.cache = config.cache() ? new AnswerCache(config.cacheDir().isBlank() ? defaultCacheDir
                : Path.of(config.cacheDir())) : null;
    }

    public EndpointConfig config() {
        return config;
    }

    /** Requests sent and tokens spent so far against this client's budget. */
    public long requestsSent() {
        return budget.requests();
    }

    public long tokensSpent() {
        return budget.tokens();
    }

    /** The request body for these messages (what the cache key is computed from). */
    byte[] body(List<ChatMessage> messages) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", config.model());
        ArrayNode msgs = root.putArray("messages");
        for (ChatMessage m : messages) {
            ObjectNode n = msgs.addObject();
            n.put("role", m.role());
            if (m.imageUrl() == null) {
                n.put("content", m.text());
            } else {
                ArrayNode parts = n.putArray("content");
                parts.addObject().put("type", "text").put("text", m.text());
                parts.addObject().put("type", "image_url").putObject("image_url").put("url", m.imageUrl());
            }
        }
        root.put("temperature", config.temperature());
        root.put("max_tokens", config.maxOutputTokens());
        root.put("stream", false);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a chat request", e);
        }
    }

    /**
     * Sends the messages (or answers from the cache) before the deadline and reads the answer. Only answers the
     * reader accepts are cached; one it refuses counts as a failed call (for the breaker and the counters).
     *
     * @param deadline a {@link System#nanoTime()} value
     * @throws LlmException when no usable answer arrived in time; its kind says why
     */
    public <T> T complete(List<ChatMessage> messages, long deadline, LlmStats stats, AnswerReader<T> reader)
            throws LlmException {
        return reply(messages, deadline, stats, reader).value();
    }

    /** What {@link #reply} accepted, and whether it came from the answer cache (then nothing was sent). */
    public record Reply<T>(T value, boolean cached) {
    }

    /** As {@link #complete}, saying whether the answer came from the cache. */
    public <T> Reply<T> reply(List<ChatMessage> messages, long deadline, LlmStats stats, AnswerReader<T> reader)
            throws LlmException {
        byte[] body = body(messages);
        return exchange(new Call(uri, "application/json", body, ChatClient::parse),
                cache == null ? null : AnswerCache.key(body), deadline, stats, reader);
    }

    /**
     * Sends the audio to the OpenAI-compatible {@code /audio/transcriptions} endpoint (multipart form: the file,
     * this client's model, the language when given, {@code response_format=json}) and reads its {@code text}, with
     * the same deadline, retries, budget, breaker and cache as a chat call. The cache key is the audio's SHA-256
     * with the model and the parameters, so the same recording under the same settings is sent once.
     */
    public <T> Reply<T> transcribe(TranscriptionForm form, long deadline, LlmStats stats, AnswerReader<T> reader)
            throws LlmException {
        String key = cache == null ? null : AnswerCache.key(AnswerCache.utf8(form.fingerprint(config.model())));
        return exchange(new Call(transcriptions, form.contentType(), form.body(config.model()),
                ChatClient::parseTranscript), key, deadline, stats, reader);
    }

    /** One kind of request: where it goes, as what, and how a 200's body becomes an answer. */
    private record Call(URI uri, String contentType, byte[] body, Parser parser) {
    }

    @FunctionalInterface
    private interface Parser {
        ChatAnswer parse(byte[] body) throws LlmException;
    }

    /** Answers from the cache (under {@code key}; null: no cache), or sends the call and caches what it accepts. */
    private <T> Reply<T> exchange(Call call, String key, long deadline, LlmStats stats, AnswerReader<T> reader)
            throws LlmException {
        if (cache != null) {
            ChatAnswer hit = cache.get(key);
            if (hit != null) {
                try {
                    T value = reader.read(hit.content());
                    stats.cacheHit();
                    return new Reply<>(value, true);
                } catch (LlmException e) {
                    log.warn("Ignoring a cached LLM answer that is no longer accepted: {}", e.getMessage());
                }
            }
        }
        try {
            ChatAnswer answer = send(call, deadline, stats);
            T value;
            try {
                value = reader.read(answer.content());
            } catch (LlmException e) {
                breaker.failure();
                throw e;
            }
            breaker.success();
            if (cache != null) {
                cache.put(key, answer);
            }
            return new Reply<>(value, false);
        } catch (LlmException e) {
            stats.failure(e.kind());
            throw e;
        }
    }

    private ChatAnswer send(Call call, long deadline, LlmStats stats) throws LlmException {
        if (deadline - clock.getAsLong() <= 0) {
            // An earlier stage of the request spent its LLM budget: nothing is sent, and the endpoint's health
            // (the breaker) is not judged by it.
            throw new LlmException(LlmException.Kind.TIMEOUT, "no time left in the request's LLM budget");
        }
        if (!breaker.allow()) {
            throw new LlmException(LlmException.Kind.BREAKER_OPEN, "the circuit breaker is open after "
                    + config.breakerFailures() + " consecutive failures");
        }
        boolean acquired;
        try {
            acquired = slots.tryAcquire(Math.max(0, deadline - clock.getAsLong()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException(LlmException.Kind.BUSY, "interrupted while waiting for a request slot");
        }
        if (!acquired) {
            breaker.release();
            throw new LlmException(LlmException.Kind.BUSY, "all " + config.maxConcurrent()
                    + " request slots stayed taken until the deadline");
        }
        try {
            return attempts(call, deadline, stats);
        } catch (LlmException e) {
            if (e.kind() == LlmException.Kind.BUDGET) {
                breaker.release();
            } else {
                breaker.failure();
            }
            throw e;
        } finally {
            slots.release();
        }
    }

    private ChatAnswer attempts(Call call, long deadline, LlmStats stats) throws LlmException {
        for (int attempt = 0; ; attempt++) {
            long remaining = deadline - clock.getAsLong();
            if (remaining <= 0) {
                throw new LlmException(LlmException.Kind.TIMEOUT, "no time left for a request");
            }
            String refused = budget.tryRequest();
            if (refused != null) {
                throw new LlmException(LlmException.Kind.BUDGET, refused);
            }
            Attempt a = attempt(call, Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(config.timeoutMs())), stats);
            if (a.answer != null) {
                return a.answer;
            }
            if (!a.retryable || attempt >= config.maxRetries()) {
                throw a.error;
            }
            long wait = a.retryAfterNanos >= 0 ? a.retryAfterNanos
                    : TimeUnit.MILLISECONDS.toNanos((long) config.backoffMs() << Math.min(attempt, 20));
            if (clock.getAsLong() + wait >= deadline) {
                throw new LlmException(a.error.kind(), a.error.getMessage() + "; no time left to retry after "
                        + TimeUnit.NANOSECONDS.toMillis(wait) + " ms");
            }
            log.debug("LLM attempt {} failed ({}), retrying in {} ms", attempt + 1, a.error.getMessage(),
                    TimeUnit.NANOSECONDS.toMillis(wait));
            sleep(wait);
            stats.retry();
        }
    }

    /** One HTTP attempt: an answer, or an error that may be retried. */
    private record Attempt(ChatAnswer answer, LlmException error, boolean retryable, long retryAfterNanos) {
        static Attempt ok(ChatAnswer a) {
            return new Attempt(a, null, false, -1);
        }

        static Attempt failed(LlmException e, boolean retryable) {
            return new Attempt(null, e, retryable, -1);
        }
    }

    private Attempt attempt(Call call, long limitNanos, LlmStats stats) {
        // No HttpRequest.timeout: the wait below bounds the attempt, and the client's own timer would add a
        // registration and a cancellation under the client's lock to every request.
        HttpRequest.Builder rb = HttpRequest.newBuilder(call.uri())
                .header("Content-Type", call.contentType()).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
        if (apiKey != null) {
            rb.header("Authorization", "Bearer " + apiKey);
        }
        stats.request();
        long t0 = clock.getAsLong();
        CompletableFuture<HttpResponse<byte[]>> f = http.sendAsync(rb.build(),
                BoundedBody.handler(config.maxResponseBytes()));
        HttpResponse<byte[]> r;
        try {
            r = f.get(limitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abandon(f);
            stats.latency(clock.getAsLong() - t0);
            return Attempt.failed(new LlmException(LlmException.Kind.TIMEOUT, "no answer within "
                    + TimeUnit.NANOSECONDS.toMillis(limitNanos) + " ms"), true);
        } catch (InterruptedException e) {
            abandon(f);
            Thread.currentThread().interrupt();
            return Attempt.failed(new LlmException(LlmException.Kind.TIMEOUT, "interrupted"), false);
        } catch (ExecutionException e) {
            stats.latency(clock.getAsLong() - t0);
            Throwable c = e.getCause();
            while (c != null && !(c instanceof BoundedBody.TooLarge) && c.getCause() != null
                    && c.getCause() != c && !(c instanceof HttpTimeoutException)) {
                c = c.getCause();
            }
            if (c instanceof BoundedBody.TooLarge) {
                return Attempt.failed(new LlmException(LlmException.Kind.OVERSIZED, c.getMessage()), false);
            }
            if (c instanceof HttpTimeoutException) {
                return Attempt.failed(new LlmException(LlmException.Kind.TIMEOUT, "no answer within "
                        + TimeUnit.NANOSECONDS.toMillis(limitNanos) + " ms"), true);
            }
            return Attempt.failed(new LlmException(LlmException.Kind.CONNECTION, "connection to "
                    + Redaction.url(call.uri().toString()) + " failed: " + safe(String.valueOf(c))), true);
        }
        long nanos = clock.getAsLong() - t0;
        int status = r.statusCode();
        if (status == 200) {
            try {
                ChatAnswer a = call.parser().parse(r.body());
                stats.success(nanos, a.tokens());
                budget.spend(a.tokens());
                return Attempt.ok(a);
            } catch (LlmException e) {
                stats.latency(nanos);
                return Attempt.failed(e, false);
            }
        }
        stats.latency(nanos);
        String detail = "HTTP " + status + " from " + Redaction.url(call.uri().toString()) + snippet(r.body());
        if (status == 429) {
            return new Attempt(null, new LlmException(LlmException.Kind.RATE_LIMITED, detail), true,
                    retryAfter(r.headers().firstValue("Retry-After").orElse(null)));
        }
        if (status >= 500) {
            return Attempt.failed(new LlmException(LlmException.Kind.SERVER_ERROR, detail), true);
        }
        return Attempt.failed(new LlmException(LlmException.Kind.HTTP_ERROR, detail), false);
    }

    /**
     * Cancels an attempt (which closes its connection) on the client's own threads: cancelling takes the HTTP
     * client's internal locks, which its selector and executor threads hold often under load, and the caller's
     * deadline has passed, so the caller must not wait for them.
     */
    private void abandon(CompletableFuture<?> attempt) {
        try {
            executor.execute(() -> attempt.cancel(true));
        } catch (RejectedExecutionException closed) {
            attempt.cancel(true);
        }
    }

    /** The first choice's message content and the token count of a chat completion. */
    private static ChatAnswer parse(byte[] body) throws LlmException {
        JsonNode n = json(body);
        JsonNode content = n.path("choices").path(0).path("message").path("content");
        if (!content.isTextual()) {
            throw new LlmException(LlmException.Kind.INVALID_ANSWER,
                    "the response has no choices[0].message.content string");
        }
        return new ChatAnswer(content.asText(), n.path("usage").path("total_tokens").asLong(0), false);
    }

    /** The {@code text} of a transcription ({@code response_format=json}); a transcription counts no tokens. */
    private static ChatAnswer parseTranscript(byte[] body) throws LlmException {
        JsonNode text = json(body).path("text");
        if (!text.isTextual()) {
            throw new LlmException(LlmException.Kind.INVALID_ANSWER, "the transcription response has no text string");
        }
        return new ChatAnswer(text.asText(), 0, false);
    }

    private static JsonNode json(byte[] body) throws LlmException {
        try {
            JsonNode n = JSON.readTree(body);
            return n == null ? JSON.missingNode() : n;
        } catch (IOException e) {
            throw new LlmException(LlmException.Kind.INVALID_ANSWER, "the response is not JSON");
        }
    }

    /** Retry-After as seconds or an HTTP date, in nanoseconds; -1 when absent or unreadable. */
    static long retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        String v = value.trim();
        try {
            return TimeUnit.MILLISECONDS.toNanos(Math.round(Double.parseDouble(v) * 1000));
        } catch (NumberFormatException e) {
            try {
                long ms = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v,
                        DateTimeFormatter.RFC_1123_DATE_TIME)).toMillis();
                return TimeUnit.MILLISECONDS.toNanos(Math.max(0, ms));
            } catch (RuntimeException e2) {
                return -1;
            }
        }
    }

    /** The start of an error body, for messages (servers put the reason there), without the key. */
    private String snippet(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String s = new String(body, 0, Math.min(body.length, 200), java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").trim();
        return ": " + safe(s);
    }

    private String safe(String text) {
        return Redaction.without(text, apiKey);
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "ChatClient[" + Redaction.url(config.baseUrl()) + ", model " + config.model() + "]";
    }
}
