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
 *
 * <p>With {@code audio.model} set, items' audio is transcribed through an OpenAI-compatible
 * {@code /audio/transcriptions} endpoint (items without an image, or every item with {@code audio.use: always}) and
 * the transcript is the description, or follows the image's. Transcripts are cached by the audio's hash, the model
 * and the parameters.
 */
@BraidComponent(name = "llm-describe", config = LlmDescribeConfig.class, modality = Modality.IMAGE,
        description = "describes items' images with a vision chat model, for the text encoder (OpenAI-compatible)")
public final class LlmDescriber implements ItemDescriber, Measured {
    private static final Logger log = LoggerFactory.getLogger(LlmDescriber.class);

    private final LlmDescribeConfig config;
    private final ChatClient client;
    /** The transcription endpoint's client; {@code null} when audio is off. */
    private final ChatClient audioClient;
    private final LlmStats stats = new LlmStats();
    private final ExecutorService workers;

    public LlmDescriber(LlmDescribeConfig config, Environment environment) {
        this(config, environment, System::getenv);
    }

    LlmDescriber(LlmDescribeConfig config, Environment environment, Function<String, String> variables) {
        this.config = config;
        this.client = new ChatClient(config.endpoint(), environment.cacheDirectory().resolve("llm"), variables);
        this.audioClient = config.audio().enabled() ? new ChatClient(config.audio().endpoint(config.endpoint()),
                environment.cacheDirectory().resolve("llm"), variables) : null;
        // As many items in flight as the endpoint allows requests.
        this.workers = Executors.newFixedThreadPool(config.endpoint().maxConcurrent(), r -> {
            Thread t = new Thread(r, "braid-llm-describe");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Set<Modality> reads() {
        return audioClient == null ? Set.of(Modality.IMAGE) : Set.of(Modality.IMAGE, Modality.AUDIO);
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
        Media audio = audioClient == null ? null : item.content().audio();
        if (audio != null && (image == null || config.audio().always())) {
            DescriptionResult heard = transcribe(item, audio);
            return image == null ? heard : combine(describeImage(item, image), heard);
        }
        if (image == null) {
            return DescriptionResult.failure(item.id(), FailureKind.MISSING, audioClient == null ? "no image"
                    : "no image and no audio");
        }
        return describeImage(item, image);
    }

    /**
     * The image's description followed by the transcript, capped at {@code maxChars}; when one of them failed, the
     * other alone; when both failed, the image's failure kind with both messages.
     */
    private DescriptionResult combine(DescriptionResult seen, DescriptionResult heard) {
        if (seen instanceof DescriptionResult.Success s && heard instanceof DescriptionResult.Success h) {
            return DescriptionResult.success(s.itemId(), ExplanationPrompt.clean(s.text() + " " + h.text(),
                    config.maxChars()), s.cached() && h.cached());
        }
        if (seen instanceof DescriptionResult.Failure s && heard instanceof DescriptionResult.Failure h) {
            return DescriptionResult.failure(s.itemId(), s.kind(), "image: " + s.message() + "; audio: "
                    + h.message());
        }
        DescriptionResult failed = seen instanceof DescriptionResult.Failure ? seen : heard;
        log.debug("llm-describe describes item {} from one medium only: {}", failed.itemId(),
                ((DescriptionResult.Failure) failed).message());
        return seen instanceof DescriptionResult.Success ? seen : heard;
    }

    /** The transcript of the item's audio, sent only when the file holds a complete recording of a known format. */
    private DescriptionResult transcribe(Item item, Media audio) {
        byte[] bytes;
        try {
            bytes = readCapped(audio, config.audio().maxAudioBytes(), "audio.maxAudioBytes");
        } catch (MediaProblem p) {
            return DescriptionResult.failure(item.id(), p.kind, p.getMessage());
        }
        if (bytes.length == 0) {
            return DescriptionResult.failure(item.id(), FailureKind.INVALID, audio.name() + ": the file is empty");
        }
        String mime = AudioFormat.mimeType(bytes);
        if (mime == null) {
            return DescriptionResult.failure(item.id(), FailureKind.UNSUPPORTED, audio.name()
                    + ": not a WAV, MP3, FLAC, Ogg, MP4/M4A or WebM file");
        }
        String damage = AudioFormat.damage(bytes, mime);
        if (damage != null) {
            return DescriptionResult.failure(item.id(), FailureKind.INVALID, audio.name() + ": " + damage);
        }
        TranscriptionForm form = new TranscriptionForm(bytes, fileName(audio.name()), mime, config.audio().language());
        return ask(item, "transcript", reader -> audioClient.transcribe(form, deadline(), stats, reader));
    }

    /** The last path segment (a server reads the format from the extension; the folders are nobody's business). */
    private static String fileName(String name) {
        String n = name.replace('\\', '/');
        return n.substring(n.lastIndexOf('/') + 1);
    }

    private long deadline() {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.deadlineMs());
    }

    /** One call to the model, sending through {@code call}: a success, or the failure named by its kind. */
    private DescriptionResult ask(Item item, String what, Call call) {
        try {
            ChatClient.Reply<String> reply = call.send(content -> DescriptionPrompt.read(content, config.maxChars()));
            return DescriptionResult.success(item.id(), reply.value(), reply.cached());
        } catch (LlmException e) {
            stats.fallback();
            log.debug("llm-describe has no {} of item {}: {}", what, item.id(), e.getMessage());
            return DescriptionResult.failure(item.id(), FailureKind.ERROR, "llm-describe (" + e.kind().label() + "): "
                    + e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Call {
        ChatClient.Reply<String> send(AnswerReader<String> reader) throws LlmException;
    }

    private DescriptionResult describeImage(Item item, Media image) {
        byte[] bytes;
        try {
            bytes = readCapped(image, config.maxImageBytes(), "maxImageBytes");
        } catch (MediaProblem p) {
            return DescriptionResult.failure(item.id(), p.kind, p.getMessage());
        }
        String mime = DescriptionPrompt.mimeType(bytes);
        if (mime == null) {
            return DescriptionResult.failure(item.id(), FailureKind.UNSUPPORTED, image.name()
                    + ": not a JPEG, PNG, GIF or WebP image");
        }
        List<ChatMessage> prompt = DescriptionPrompt.messages(config.includeTitle() ? item.title() : null, bytes, mime,
                config.maxWords());
        return ask(item, "description", reader -> client.reply(prompt, deadline(), stats, reader));
    }

    /** Why a medium's bytes cannot be sent: the failure kind, and a message naming the file. */
    private static final class MediaProblem extends Exception {
        final FailureKind kind;

        MediaProblem(FailureKind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }
    }

    /** The medium's bytes, refused when the file cannot be read or holds more than {@code max} bytes. */
    private static byte[] readCapped(Media media, int max, String limitKey) throws MediaProblem {
        byte[] bytes;
        try (InputStream in = media.open()) {
            bytes = in.readNBytes(max + 1);
        } catch (IOException e) {
            throw new MediaProblem(FailureKind.UNREADABLE, media.name() + ": " + e.getMessage());
        }
        if (bytes.length > max) {
            throw new MediaProblem(FailureKind.INVALID, media.name() + ": larger than " + limitKey + " " + max);
        }
        return bytes;
    }

    /** Its counters, as for the other LLM stages ({@code llm_requests_total}, {@code llm_cache_hits_total}, ...). */
    @Override
    public Map<String, Double> measurements() {
        return stats.measurements();
    }

    /** Stops the workers (an item in flight gets no answer), then the client. */
    @Override
    public void close() {
        try (client; ChatClient audioClientToClose = audioClient) {
            workers.shutdownNow();
        }
    }
}
