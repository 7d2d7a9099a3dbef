package dev.braid.runtime.serve;

import dev.braid.runtime.generation.BuildOutcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The builds of one variant as events: a caller asks for the outcome of the build that will carry its reason
 * (the manager joins the reasons of requests that arrive together with "; ") before requesting that build.
 */
final class BuildEvents implements Consumer<BuildOutcome> {
    private record Waiting(String reason, CompletableFuture<BuildOutcome> outcome) {
    }

    private final List<Waiting> waiting = new ArrayList<>();

    /** Completes with the outcome of the first build whose reasons include {@code reason}. */
    synchronized CompletableFuture<BuildOutcome> next(String reason) {
        CompletableFuture<BuildOutcome> f = new CompletableFuture<>();
        waiting.add(new Waiting(reason, f));
        return f;
    }

    /** Stops waiting for a build (the caller gave up). */
    synchronized void forget(CompletableFuture<BuildOutcome> outcome) {
        waiting.removeIf(w -> w.outcome() == outcome);
    }

    @Override
    public synchronized void accept(BuildOutcome o) {
        List<String> reasons = o.reason() == null ? List.of() : Arrays.asList(o.reason().split("; "));
        waiting.removeIf(w -> reasons.contains(w.reason()) && w.outcome().complete(o));
    }
}
