package dev.braid.plugin.llm;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.Environment;
import dev.braid.api.component.Measured;
import dev.braid.api.data.Item;
import dev.braid.api.data.Media;
import dev.braid.api.data.Modality;
import dev.braid.api.describe.DescriptionResult;
import dev.braid.api.describe.ItemDescriber;
import dev.braid.api.encoder.EncodingResult.FailureKind;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Describes items' images with a vision-capable chat model (the image sent as an OpenAI {@code image_url} data
 * URL), so their text encoder can read what the poster shows. Answers are cached on disk by the request, which
 * holds the image bytes, the model, the prompt and the sampling parameters: the same image under the same settings
 * is asked for once, whatever item carries it. A failed item keeps its text; the others go on.
 */
@BraidComponent(name = "llm-describe", config = LlmDescribeConfig.class, modality = Modality.IMAGE,
        description = "describes items' images with a vision chat model, for the text encoder (OpenAI-compatible)")
public final class LlmDescriber implements ItemDescriber, Measured {
    private static final Logger log = LoggerFactory.getLogger(LlmDescriber.class);

    private final LlmDescribeConfig config;
    private final ChatClient client;
    private final LlmStats stats = new LlmStats();
    private final ExecutorService workers;

    public LlmDescriber(LlmDescribeConfig config, Environment environment) {
        this(config, environment, System::getenv);
    }

    LlmDescriber(LlmDescribeConfig config, Environment environment, Function<String, String> variables) {
        this.config = config;
        this.client = new ChatClient(config.endpoint(), environment.cacheDirectory().resolve("llm"), variables);
        // As many items in flight as the endpoint allows requests.
        this.workers = Executors.newFixedThreadPool(config.endpoint().maxConcurrent(), r -> {
            Thread t = new Thread(r, "braid-llm-describe");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Set<Modality> reads() {
        return Set.of(Modality.IMAGE);
    }

    @Override
    public List<DescriptionResult> describe(List<Item> items) {
        List<Future<DescriptionResult>> futures = new ArrayList<>(items.size());
        for (Item item : items) {
            futures.add(workers.submit(() -> describe(item)));
        }
        List<DescriptionResult> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            try {
                out.add(futures.get(i).get());
            } catch (ExecutionException e) {
                out.add(DescriptionResult.failure(items.get(i).id(), FailureKind.ERROR, String.valueOf(e.getCause())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                throw new IllegalStateException("interrupted while describing items", e);
            }
        }
        return out;
    }

    private DescriptionResult describe(Item item) {
        Media image = item.content().image();
        if (image == null) {
            return DescriptionResult.failure(item.id(), FailureKind.MISSING, "no image");
        }
        byte[] bytes;
        try (InputStream in = image.open()) {
            bytes = in.readNBytes(config.maxImageBytes() + 1);
        } catch (IOException e) {
            return DescriptionResult.failure(item.id(), FailureKind.UNREADABLE, image.name() + ": " + e.getMessage());
        }
        if (bytes.length > config.maxImageBytes()) {
            return DescriptionResult.failure(item.id(), FailureKind.INVALID, image.name() + ": larger than maxImageBytes "
                    + config.maxImageBytes());
        }
        String mime = DescriptionPrompt.mimeType(bytes);
        if (mime == null) {
            return DescriptionResult.failure(item.id(), FailureKind.UNSUPPORTED, image.name()
                    + ": not a JPEG, PNG, GIF or WebP image");
        }
        List<ChatMessage> prompt = DescriptionPrompt.messages(config.includeTitle() ? item.title() : null, bytes, mime,
                config.maxWords());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.deadlineMs());
        try {
            ChatClient.Reply<String> reply = client.reply(prompt, deadline, stats,
                    content -> DescriptionPrompt.read(content, config.maxChars()));
            return DescriptionResult.success(item.id(), reply.value(), reply.cached());
        } catch (LlmException e) {
            stats.fallback();
            log.debug("llm-describe has no description of item {}: {}", item.id(), e.getMessage());
            return DescriptionResult.failure(item.id(), FailureKind.ERROR, "llm-describe (" + e.kind().label() + "): "
                    + e.getMessage());
        }
    }

    /** Its counters, as for the other LLM stages ({@code llm_requests_total}, {@code llm_cache_hits_total}, ...). */
    @Override
    public Map<String, Double> measurements() {
        return stats.measurements();
    }

    /** Stops the workers (an item in flight gets no answer), then the client. */
    @Override
    public void close() {
        try (client) {
            workers.shutdownNow();
        }
    }
}
