package dev.braid.plugin.text;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.data.Item;
import dev.braid.api.data.Modality;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.EncodingResult.FailureKind;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hashed TF-IDF text vectors.
 *
 * <p><b>Terms.</b> {@link TextAnalyzer}: NFKC, optional lower-casing, tokens = runs of letters/digits, optional
 * English stop-word removal, optional bigrams.
 *
 * <p><b>Hashing.</b> Each term goes to bucket {@code (h & 0x7fffffff) % dimension} with sign {@code h < 0 ? -1 : +1},
 * where {@code h} is MurmurHash3_x86_32 of its UTF-8 bytes (seed 0). The sign makes colliding terms cancel on
 * average instead of piling up, so dot products stay unbiased.
 *
 * <p><b>Weights.</b> {@code tf} is the term's count in the item ({@code 1 + ln(count)} when {@code sublinearTf});
 * {@link #fit} learns document frequencies <em>per term</em> (keyed by a 64-bit hash, so bucket collisions do not
 * blur them) over the catalog items that have text, and {@code idf = ln((1 + N) / (1 + df)) + 1} (smoothed; a term
 * never seen in the catalog gets the largest idf, {@code ln(1 + N) + 1}). The vector is
 * {@code sum(sign * tf * idf)} per bucket, L2-normalised.
 *
 * <p><b>Edge cases.</b> An item without text (null) is a {@link FailureKind#MISSING} failure. Text that is empty,
 * blank or has no words left after normalisation and stop-word removal is an {@link FailureKind#INVALID} failure
 * ("empty text" / "no words"): a zero vector would claim similarity to nothing and break cosine, so the item is
 * treated as having no usable text and fusion masks it out.
 *
 * <p>{@link #encode} must follow {@link #fit}; afterwards it is thread-safe.
 */
@BraidComponent(name = "tfidf", config = TfIdfConfig.class, modality = Modality.TEXT,
        description = "hashed TF-IDF of words (optionally bigrams), IDF fitted on the catalog, L2-normalised")
public final class TfIdfEncoder extends CatalogFittedEncoder<Long, TfIdfEncoder.Idf> {
    private static final Logger LOG = LoggerFactory.getLogger(TfIdfEncoder.class);
    /** Seeds of the two halves of the 64-bit term key used for document frequencies. */
    private static final int KEY_SEED_HI = 0x9747b28c;
    private static final int KEY_SEED_LO = 0x2545f491;

    private final TfIdfConfig config;
    private final TextAnalyzer analyzer;

    /**
     * @throws IllegalArgumentException when {@code dimension < 16}
     */
    public TfIdfEncoder(TfIdfConfig config) {
        super("tfidf", Modality.TEXT, config.dimension());
        if (config.dimension() < 16) {
            throw new IllegalArgumentException("tfidf.dimension must be >= 16, got " + config.dimension());
        }
        this.config = config;
        this.analyzer = new TextAnalyzer(config.lowercase(), config.removeStopWords(), config.bigrams());
    }

    /** Versions the hashing and weighting scheme, so cached vectors of an older scheme are not reused. */
    @Override
    public String fingerprint() {
        return "tfidf-murmur3-v1";
    }

    /** The term keys of the item's words: text without words (or no text) has none. */
    @Override
    Set<Long> distinctTerms(Item item) {
        String text = item.content().text();
        Set<Long> keys = new HashSet<>();
        if (text != null) {
            for (String t : analyzer.terms(text)) {
                keys.add(termKey(t));
            }
        }
        return keys;
    }

    @Override
    Idf fitModel(Map<Long, Integer> df, int docs, int unreadable, List<Item> catalog) {
        LOG.debug("tfidf fitted on {} documents with text, {} distinct terms", docs, df.size());
        return Idf.of(df, docs);
    }

    @Override
    EncodingResult encodeOne(Item item, Idf fitted) {
        String text = item.content().text();
        if (text == null) {
            return EncodingResult.failure(item.id(), FailureKind.MISSING, "item '" + item.id() + "' has no text");
        }
        if (text.isBlank()) {
            return EncodingResult.failure(item.id(), FailureKind.INVALID, "item '" + item.id() + "': empty text");
        }
        List<String> terms = analyzer.terms(text);
        if (terms.isEmpty()) {
            return EncodingResult.failure(item.id(), FailureKind.INVALID, "item '" + item.id()
                    + "': no words left after normalisation and stop-word removal");
        }
        Map<String, Integer> counts = new HashMap<>();
        for (String t : terms) {
            counts.merge(t, 1, Integer::sum);
        }
        float[] v = new float[config.dimension()];
        counts.forEach((term, count) -> {
            int h = Murmur3.hash32(term, 0);
            int bucket = (h & 0x7fffffff) % v.length;
            double tf = config.sublinearTf() ? 1 + Math.log(count) : count;
            double w = tf * fitted.idf(termKey(term));
            v[bucket] += (float) (h < 0 ? -w : w);
        });
        // Only zero when every term cancels against a colliding one of opposite sign.
        return unitVector(item, v, () -> "hashed terms cancel out to a zero vector; raise tfidf.dimension");
    }

    /** The smoothed inverse document frequency {@code ln((1 + N) / (1 + df)) + 1}, shared with {@code attributes}. */
    static float smoothedIdf(int docs, int df) {
        return (float) (Math.log((1.0 + docs) / (1.0 + df)) + 1.0);
    }

    /** A 64-bit identity of a term (two independent 32-bit hashes). */
    static long termKey(String term) {
        return ((long) Murmur3.hash32(term, KEY_SEED_HI) << 32) | (Murmur3.hash32(term, KEY_SEED_LO) & 0xffffffffL);
    }

    /** Smoothed idf per term key; sorted arrays for compactness and lock-free reads. */
    record Idf(long[] keys, float[] values, float unseen) {
        static Idf of(Map<Long, Integer> df, int docs) {
            long[] keys = df.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
            float[] values = new float[keys.length];
            for (int i = 0; i < keys.length; i++) {
                values[i] = smoothed(docs, df.get(keys[i]));
            }
            return new Idf(keys, values, smoothed(docs, 0));
        }

        static float smoothed(int docs, int df) {
            return smoothedIdf(docs, df);
        }

        float idf(long key) {
            int i = Arrays.binarySearch(keys, key);
            return i >= 0 ? values[i] : unseen;
        }
    }
}
