package dev.braid.plugin.llm;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one LLM component, read by {@code /metrics}: HTTP attempts sent, calls that failed (by kind),
 * fallbacks, answers served from the cache, tokens, the latency of calls that reached the endpoint, and how often
 * (and by how much at most) the stage returned after its request's LLM deadline.
 */
public final class LlmStats {
    /** A stage that returns later than this after its deadline counts as late (scheduling noise is below it). */
    static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private final LongAdder requests = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder successes = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder fallbacks = new LongAdder();
    private final LongAdder tokens = new LongAdder();
    private final LongAdder latencyNanos = new LongAdder();
    private final LongAdder latencyCount = new LongAdder();
    private final LongAdder lateReturns = new LongAdder();
    private final AtomicLong lateMaxNanos = new AtomicLong(Long.MIN_VALUE);
    private final Map<LlmException.Kind, LongAdder> failures = new EnumMap<>(LlmException.Kind.class);

    public LlmStats() {
        for (LlmException.Kind k : LlmException.Kind.values()) {
            failures.put(k, new LongAdder());
        }
    }

    void request() {
        requests.increment();
    }

    void retry() {
        retries.increment();
    }

    void success(long nanos, long usedTokens) {
        successes.increment();
        tokens.add(usedTokens);
        latency(nanos);
    }

    void latency(long nanos) {
        latencyNanos.add(nanos);
        latencyCount.increment();
    }

    /** The stage returned {@code nanos} after its request's LLM deadline (negative: before it). */
    void returned(long nanos) {
        if (nanos > LATE_NANOS) {
            lateReturns.increment();
        }
        lateMaxNanos.accumulateAndGet(nanos, Math::max);
    }

    /** Stage returns more than {@link #LATE_NANOS} after the request's deadline. */
    public long lateReturns() {
        return lateReturns.sum();
    }

    void cacheHit() {
        cacheHits.increment();
    }

    void failure(LlmException.Kind kind) {
        failures.get(kind).increment();
    }

    /** The caller used its fallback (incoming order, rule reasons) instead of an answer. */
    public void fallback() {
        fallbacks.increment();
    }

    public long requests() {
        return requests.sum();
    }

    public long cacheHits() {
        return cacheHits.sum();
    }

    public long fallbacks() {
        return fallbacks.sum();
    }

    public long successes() {
        return successes.sum();
    }

    public long tokens() {
        return tokens.sum();
    }

    public long failures() {
        return failures.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long failures(LlmException.Kind kind) {
        return failures.get(kind).sum();
    }

    /**
     * Prometheus-style samples: {@code llm_requests_total}, {@code llm_retries_total}, {@code llm_successes_total},
     * {@code llm_cache_hits_total}, {@code llm_fallbacks_total}, {@code llm_tokens_total},
     * {@code llm_failures_total{kind="timeout"}}, {@code llm_latency_seconds_sum} and {@code _count},
     * {@code llm_late_returns_total} (returns more than 10 ms after the request's LLM deadline) and
     * {@code llm_late_seconds_max} (the latest return relative to the deadline; negative while every return came
     * before it, 0 before the first).
     */
    public Map<String, Double> measurements() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("llm_requests_total", (double) requests.sum());
        m.put("llm_retries_total", (double) retries.sum());
        m.put("llm_successes_total", (double) successes.sum());
        m.put("llm_cache_hits_total", (double) cacheHits.sum());
        m.put("llm_fallbacks_total", (double) fallbacks.sum());
        m.put("llm_tokens_total", (double) tokens.sum());
        failures.forEach((k, v) -> m.put("llm_failures_total{kind=\"" + k.label() + "\"}", (double) v.sum()));
        m.put("llm_latency_seconds_sum", latencyNanos.sum() / 1e9);
        m.put("llm_latency_seconds_count", (double) latencyCount.sum());
        m.put("llm_late_returns_total", (double) lateReturns.sum());
        long late = lateMaxNanos.get();
        m.put("llm_late_seconds_max", late == Long.MIN_VALUE ? 0.0 : late / 1e9);
        return m;
    }
}
