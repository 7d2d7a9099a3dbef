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
abstract class ChatStage<C extends ChatStage.Settings> implements Generator, Reranker, Measured {
    /** What every chat stage's configuration holds. */
    interface Settings {
        /** The endpoint, the history shown and the request's time budget. */
        ChatParams chat();
    }

    protected final C config;
    protected final ChatClient client;
    protected final LlmStats stats = new LlmStats();
    protected volatile Catalog catalog;
    private volatile InteractionMatrix train;

    /** @param variables the environment variables (the API key is read from one) */
    ChatStage(C config, Environment environment, Function<String, String> variables) {
        this.config = config;
        this.client = new ChatClient(config.chat().endpoint(), environment.cacheDirectory().resolve("llm"), variables);
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

    /** The user's most recent training items for the prompt, at most {@code historyItems}. */
    protected List<Item> history(Query query) {
        return ItemTexts.recentHistory(catalog, train, query.user(), config.chat().historyItems());
    }

    /**
     * The request's LLM deadline ({@link System#nanoTime()}): started by the first LLM stage of the request,
     * shared by the later ones ({@link RequestDeadline}).
     */
    protected long deadline(Query query) {
        return RequestDeadline.of(query, TimeUnit.MILLISECONDS.toNanos(config.chat().deadlineMs()));
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
