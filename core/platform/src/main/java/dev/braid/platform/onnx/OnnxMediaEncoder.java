package dev.braid.platform.onnx;

import dev.braid.api.component.SharedResources;
import dev.braid.api.data.Item;
import dev.braid.api.data.Media;
import dev.braid.api.data.Modality;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.EncodingResult.FailureKind;
import dev.braid.api.encoder.ModalityEncoder;
import dev.braid.platform.media.DecodeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What every encoder that runs a user-supplied {@link OnnxModel} on one media file per item does alike, so that the
 * image and audio encoders report items the same way: an item without the media is MISSING; a {@link DecodeException}
 * gives its own kind; any other failure to prepare the input is INVALID, naming the file; inputs are run in batches
 * of {@link #batchSize()}, a batch the model fails on makes each of its items an ERROR, and outputs are optionally
 * L2-normalised. The model's lease is released by {@link #close()}, and the fingerprint is the model file's content
 * and output, so cached vectors follow the model and not its path.
 *
 * <p>A subclass acquires the lease and passes it here; its constructor checks the model's input and ends with
 * {@link #probe} (calling {@link #close()} when either fails). It decodes one file into its input ({@link #decode})
 * and runs a batch ({@link #run}).
 *
 * @param <T> one item's decoded input (an image, a spectrogram)
 */
public abstract class OnnxMediaEncoder<T> implements ModalityEncoder {
    private final Modality modality;
    private final SharedResources.Lease<OnnxModel> lease;
    private final boolean normalize;
    private int dimension;

    /**
     * @param modality {@link Modality#IMAGE} or {@link Modality#AUDIO}: the item content this encoder reads
     * @throws IllegalArgumentException for another modality
     */
    protected OnnxMediaEncoder(Modality modality, SharedResources.Lease<OnnxModel> lease, boolean normalize) {
        if (modality != Modality.IMAGE && modality != Modality.AUDIO) {
            lease.close();
            throw new IllegalArgumentException("an ONNX media encoder reads images or audio, not " + modality);
        }
        this.modality = modality;
        this.lease = lease;
        this.normalize = normalize;
    }

    /** The leased model. */
    protected final OnnxModel model() {
        return lease.get();
    }

    /**
     * One file's model input.
     *
     * @throws DecodeException when the file cannot be decoded (the exception's kind is reported)
     */
    protected abstract T decode(Media media) throws DecodeException;

    /** How many inputs are run together. */
    protected abstract int batchSize();

    /** The model's output rows for a batch of inputs, in order. */
    protected abstract float[][] run(List<T> inputs);

    /**
     * Runs the model once on {@code blank} (a black image, a silent clip) and takes the length of its output as the
     * dimension, so that a model whose input does not fit the configuration fails at construction. The subclass's
     * constructor calls it once its own fields are set.
     */
    protected final void probe(T blank) {
        this.dimension = run(List.of(blank))[0].length;
    }

    @Override
    public Modality modality() {
        return modality;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    private Media media(Item item) {
        return modality == Modality.IMAGE ? item.content().image() : item.content().audio();
    }

    @Override
    public List<EncodingResult> encode(List<Item> items) {
        EncodingResult[] results = new EncodingResult[items.size()];
        List<Integer> pending = new ArrayList<>();
        List<T> inputs = new ArrayList<>();
        int step = batchSize();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            Media media = media(item);
            if (media == null) {
                results[i] = EncodingResult.failure(item.id(), FailureKind.MISSING, "item has no "
                        + modality.name().toLowerCase(Locale.ROOT));
                continue;
            }
            try {
                inputs.add(decode(media));
                pending.add(i);
            } catch (DecodeException e) {
                results[i] = EncodingResult.failure(item.id(), e.kind(), e.getMessage());
            } catch (RuntimeException e) {
                results[i] = EncodingResult.failure(item.id(), FailureKind.INVALID, media.name() + ": "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
            if (inputs.size() == step) {
                flush(items, pending, inputs, results);
            }
        }
        flush(items, pending, inputs, results);
        return Arrays.asList(results);
    }

    private void flush(List<Item> items, List<Integer> pending, List<T> inputs, EncodingResult[] results) {
        if (pending.isEmpty()) {
            return;
        }
        try {
            float[][] out = run(inputs);
            for (int k = 0; k < pending.size(); k++) {
                results[pending.get(k)] = EncodingResult.success(items.get(pending.get(k)).id(),
                        normalize ? Vectors.l2Normalize(out[k]) : out[k]);
            }
        } catch (RuntimeException e) {
            for (int idx : pending) {
                Item item = items.get(idx);
                results[idx] = EncodingResult.failure(item.id(), FailureKind.ERROR, media(item).name() + ": "
                        + e.getMessage());
            }
        }
        pending.clear();
        inputs.clear();
    }

    /** The model file's SHA-256 and the output read: what identifies the vectors in caches. */
    @Override
    public String fingerprint() {
        return model().fileSha256() + ":" + model().outputName();
    }

    @Override
    public void close() {
        lease.close();
    }
}
