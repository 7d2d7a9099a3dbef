package dev.braid.runtime.serve;

import dev.braid.runtime.generation.BuildOutcome;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /admin/reload}: rebuilds every variant from the file on disk and answers with each build's outcome
 * (200 when all succeeded, 409 otherwise), waiting for the builds' events up to two minutes.
 */
final class ReloadHandler implements Handler {
    private static final long LIMIT_SECONDS = 120;

    private final ServedVariants variants;
    private final Map<String, BuildEvents> events;
    private final AtomicLong requests = new AtomicLong();

    ReloadHandler(ServedVariants variants, Map<String, BuildEvents> events) {
        this.variants = variants;
        this.events = events;
    }

    @Override
    public void handle(Context ctx) throws InterruptedException {
        // A reason of its own: a build already running for another reason is not this request's.
        String reason = "admin reload #" + requests.incrementAndGet();
        Map<String, CompletableFuture<BuildOutcome>> pending = new LinkedHashMap<>();
        for (String v : variants.pipelines().keySet()) {
            pending.put(v, events.get(v).next(reason));
            variants.generations(v).requestBuild(reason);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
        Map<String, BuildReport> out = new LinkedHashMap<>();
        boolean ok = true;
        for (var e : pending.entrySet()) {
            try {
                BuildOutcome o = e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                out.put(e.getKey(), BuildReport.of(o));
                ok &= o.succeeded();
            } catch (TimeoutException timedOut) {
                events.get(e.getKey()).forget(e.getValue());
                out.put(e.getKey(), BuildReport.unfinished("still building after " + LIMIT_SECONDS + " s"));
                ok = false;
            } catch (ExecutionException never) {
                throw new IllegalStateException(never.getCause()); // the events only ever complete normally
            }
        }
        ctx.status(ok ? 200 : 409).json(out);
    }
}
