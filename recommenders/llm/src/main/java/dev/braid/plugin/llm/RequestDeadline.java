package dev.braid.plugin.llm;

import dev.braid.api.generator.Query;
import java.lang.ref.WeakReference;

/**
 * One LLM time budget per request, shared by every LLM stage of the chain: the runtime passes the same
 * {@link Query} object through all rerankers of one request on one thread, so the first stage starts the clock
 * and later stages (explain after rerank) use what is left. A request thus waits at most one budget for the LLM,
 * however many LLM stages its variant has.
 */
final class RequestDeadline {
    private record Entry(WeakReference<Query> query, long deadline) {
    }

    private static final ThreadLocal<Entry> CURRENT = new ThreadLocal<>();

    private RequestDeadline() {
    }

    /** The deadline ({@link System#nanoTime()}) for this request, started now if no stage started it yet. */
    static long of(Query query, long budgetNanos) {
        Entry e = CURRENT.get();
        if (e != null && e.query.get() == query) {
            return e.deadline;
        }
        long deadline = System.nanoTime() + budgetNanos;
        CURRENT.set(new Entry(new WeakReference<>(query), deadline));
        return deadline;
    }
}
