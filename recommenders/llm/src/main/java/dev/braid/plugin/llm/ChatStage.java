package dev.braid.plugin.llm;

import dev.braid.api.component.Environment;
import dev.braid.api.component.Measured;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Item;
import dev.braid.api.generator.Generator;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.Reranker;
import dev.braid.api.generator.TrainingData;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What the chat-model stages share: one chat client (answer cache under {@code <cache>/llm}) with its counters,
 * the catalog and training interactions their prompts are written from (taken at fit), no per-item scores of their
 * own, and closing the client with the stage.
 */
abstract class ChatStage implements Generator, Reranker, Measured {
    protected final ChatClient client;
    protected final LlmStats stats = new LlmStats();
    protected volatile Catalog catalog;
    private volatile InteractionMatrix train;

    /** @param variables the environment variables (the API key is read from one) */
    ChatStage(EndpointConfig endpoint, Environment environment, Function<String, String> variables) {
        this.client = new ChatClient(endpoint, environment.cacheDirectory().resolve("llm"), variables);
    }

    @Override
    public void fit(TrainingData data, ProgressListener progress) {
        this.catalog = data.catalog();
        this.train = data.interactions();
    }

    @Override
    public void score(Query query, float[] scores) {
        // list-level only: the scores of the previous stage stand
    }

    /** The user's most recent training items for the prompt, at most {@code n}. */
    protected List<Item> history(Query query, int n) {
        return ItemTexts.recentHistory(catalog, train, query.user(), n);
    }

    /**
     * The request's LLM deadline ({@link System#nanoTime()}): started by the first LLM stage of the request,
     * shared by the later ones ({@link RequestDeadline}).
     */
    protected static long deadline(Query query, int deadlineMs) {
        return RequestDeadline.of(query, TimeUnit.MILLISECONDS.toNanos(deadlineMs));
    }

    /** Records when the stage hands its list back, relative to the request's deadline. */
    protected void returning(long deadline) {
        stats.returned(System.nanoTime() - deadline);
    }

    /** The counters of this stage (calls, failures, fallbacks, cache hits, latency). */
    public LlmStats stats() {
        return stats;
    }

    @Override
    public Map<String, Double> measurements() {
        return stats.measurements();
    }

    @Override
    public void close() {
        client.close();
    }
}
