package dev.braid.plugin.text;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Item;
import dev.braid.api.data.Modality;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.EncodingResult.FailureKind;
import dev.braid.api.encoder.ModalityEncoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An encoder whose model is fitted on the catalog before it encodes ({@code tfidf}, {@code attributes}): {@link #fit}
 * builds an immutable model and publishes it, and {@link #encode} encodes each item against the model it finds, so
 * encoding is thread-safe once fitted. Their vectors are L2-normalised ({@link #unitVector}).
 *
 * @param <M> the fitted model
 */
public abstract class CatalogFittedEncoder<K, M> implements ModalityEncoder {
    private final String name;
    private final Modality modality;
    private final int dimension;
    private volatile M model;

    /** @param name the component's name, for messages */
    CatalogFittedEncoder(String name, Modality modality, int dimension) {
        this.name = name;
        this.modality = modality;
        this.dimension = dimension;
    }

    /**
     * The item's distinct terms; empty when it has none.
     *
     * @throws IllegalArgumentException when the item's content cannot be read (its encoding reports why)
     */
    abstract Set<K> distinctTerms(Item item);

    /**
     * The model fitted on the counts.
     *
     * @param df         per term, the number of catalog items that have it
     * @param docs       the number of catalog items with at least one term
     * @param unreadable the number of catalog items whose terms could not be read
     */
    abstract M fitModel(Map<K, Integer> df, int docs, int unreadable, List<Item> catalog);

    /** One item's vector (or why it has none) under the fitted model. */
    abstract EncodingResult encodeOne(Item item, M fitted);

    @Override
    public final Modality modality() {
        return modality;
    }

    @Override
    public final int dimension() {
        return dimension;
    }

    @Override
    public final boolean fitsOnCatalog() {
        return true;
    }

    @Override
    public final void fit(List<Item> catalog, ProgressListener progress) {
        progress.start(name + ": document frequencies", catalog.size());
        Map<K, Integer> df = new HashMap<>();
        int docs = 0;
        int unreadable = 0;
        int done = 0;
        for (Item item : catalog) {
            try {
                Set<K> terms = distinctTerms(item);
                if (!terms.isEmpty()) {
                    docs++;
                    terms.forEach(term -> df.merge(term, 1, Integer::sum));
                }
            } catch (IllegalArgumentException e) {
                unreadable++; // reported per item by encode
            }
            if (++done % 1000 == 0) {
                progress.advance(1000);
            }
        }
        progress.advance(done % 1000);
        progress.finish();
        this.model = fitModel(df, docs, unreadable, catalog);
    }

    /** @throws IllegalStateException before {@link #fit} */
    @Override
    public final List<EncodingResult> encode(List<Item> items) {
        M fitted = model;
        if (fitted == null) {
            throw new IllegalStateException(name + ": fit(catalog) must be called before encode");
        }
        List<EncodingResult> out = new ArrayList<>(items.size());
        for (Item item : items) {
            out.add(encodeOne(item, fitted));
        }
        return out;
    }

    /**
     * The item's vector scaled to unit length, or an {@link FailureKind#INVALID} failure saying {@code whyZero} when
     * it is zero: a zero vector would claim similarity to nothing and break cosine.
     */
    static EncodingResult unitVector(Item item, float[] v, Supplier<String> whyZero) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        if (norm == 0) {
            return EncodingResult.failure(item.id(), FailureKind.INVALID, "item '" + item.id() + "': " + whyZero.get());
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return EncodingResult.success(item.id(), v);
    }
}
