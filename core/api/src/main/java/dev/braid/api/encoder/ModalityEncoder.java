package dev.braid.api.encoder;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Item;
import dev.braid.api.data.Modality;
import java.util.List;

/**
 * Turns one modality of items into fixed-length float vectors. Encoding is batch first: the runtime passes
 * batches of items and expects one result per item, in the same order. A bad input never fails the batch: it
 * gives its item a {@link EncodingResult.Failure} and the others go on.
 *
 * <p>Encoders that learn statistics from the catalog (vocabulary, IDF, normalisation) do it in
 * {@link #fit}; the runtime calls it once, before any {@link #encode}, with the whole catalog.
 * After {@code fit}, {@code encode} must be safe to call from several threads.
 */
public interface ModalityEncoder extends AutoCloseable {

    /** The modality this encoder reads. */
    Modality modality();

    /** The length of every vector it returns (known from its configuration, before {@link #fit}). */
    int dimension();

    /** Whether {@link #fit} learns from the catalog (then cached vectors depend on the catalog too). */
    default boolean fitsOnCatalog() {
        return false;
    }

    /** Learns what the encoder needs from the catalog. The default does nothing. */
    default void fit(List<Item> catalog, ProgressListener progress) {
    }

    /** Encodes a batch: one result per item, in order. Items lacking the modality get a MISSING failure. */
    List<EncodingResult> encode(List<Item> items);

    /**
     * What identifies the encoder's output beyond its name and configuration (e.g. the hash of its model file);
     * part of the cache key of its vectors. Empty by default.
     */
    default String fingerprint() {
        return "";
    }

    /** Releases what the encoder holds (models, native sessions). The default does nothing. */
    @Override
    default void close() {
    }
}
