package dev.braid.plugin.llm;

/**
 * A chat call that produced no usable answer, with the kind of failure (what {@code reasons} and the fallback
 * counters record). Messages never carry the API key.
 */
public final class LlmException extends Exception {

    /** Why a call failed. */
    public enum Kind {
        /** No attempt answered within the call's deadline. */
        TIMEOUT,
        /** 429 until the retries or the deadline ran out. */
        RATE_LIMITED,
        /** 5xx until the retries or the deadline ran out. */
        SERVER_ERROR,
        /** Another HTTP status (400, 401, 404): not retried. */
        HTTP_ERROR,
        /** The connection was refused or dropped. */
        CONNECTION,
        /** A 200 whose body is not a chat completion, or whose answer the caller could not use. */
        INVALID_ANSWER,
        /** The response body exceeded {@code maxResponseBytes}. */
        OVERSIZED,
        /** The circuit breaker is open. */
        BREAKER_OPEN,
        /** The run's request or token budget is spent. */
        BUDGET,
        /** Every concurrency slot stayed taken until the deadline. */
        BUSY;

        /** The name used in reasons and metrics ({@code rate-limited}). */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final Kind kind;

    public LlmException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public LlmException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
