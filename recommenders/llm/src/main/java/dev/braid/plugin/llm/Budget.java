package dev.braid.plugin.llm;

import java.util.concurrent.atomic.AtomicLong;

/** The most requests and tokens one component may spend per run (0: no limit). Thread-safe. */
final class Budget {
    private final long maxRequests;
    private final long maxTokens;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong tokens = new AtomicLong();

    Budget(long maxRequests, long maxTokens) {
        this.maxRequests = maxRequests;
        this.maxTokens = maxTokens;
    }

    /** Takes one request from the budget; {@code null} when allowed, else why not. */
    String tryRequest() {
        if (maxTokens > 0 && tokens.get() >= maxTokens) {
            return "the token budget of " + maxTokens + " is spent";
        }
        if (maxRequests > 0) {
            long n = requests.incrementAndGet();
            if (n > maxRequests) {
                requests.decrementAndGet();
                return "the request budget of " + maxRequests + " is spent";
            }
        } else {
            requests.incrementAndGet();
        }
        return null;
    }

    void spend(long usedTokens) {
        tokens.addAndGet(usedTokens);
    }

    long requests() {
        return requests.get();
    }

    long tokens() {
        return tokens.get();
    }
}
