package dev.braid.plugin.text;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.data.Item;
import dev.braid.api.data.Modality;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.EncodingResult.FailureKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Categorical and multi-valued item attributes (genres, tags, brand, a year bucket) as vectors of the
 * {@link Modality#ATTRIBUTES} modality, so that fusion weighs them against text, images and audio.
 *
 * <p><b>Tokens.</b> {@link AttributeTokens}: {@code name:value} per distinct value of the configured fields (all
 * attributes when none is named), numeric fields optionally bucketed ({@code buckets: {year: 10}}).
 *
 * <p><b>Slots.</b> {@code multi-hot}: {@link #fit} builds a vocabulary of the values carried by at least
 * {@code minCount} catalog items, most frequent first, up to {@code dimension} slots (the rest are dropped, and the
 * log says how many). {@code hashed}: each token goes to bucket {@code (h & 0x7fffffff) % dimension} with sign
 * {@code h < 0 ? -1 : +1} (MurmurHash3 of its UTF-8 bytes), so colliding tokens cancel on average.
 *
 * <p><b>Weights.</b> 1 per value, or its smoothed idf {@code ln((1 + N) / (1 + df)) + 1} over the catalog items
 * with attributes; the vector is L2-normalised.
 *
 * <p><b>Edge cases.</b> An item without any value in the configured fields is a {@link FailureKind#MISSING}
 * failure; one whose values are all outside the vocabulary (too rare) is {@link FailureKind#INVALID}, naming them.
 * A bucketed field with a non-numeric value is {@link FailureKind#INVALID}, naming the field and value.
 *
 * <p>Example: {@code encoders: {attributes: {name: attributes, fields: [genre, year], buckets: {year: 10}}}}.
 */
@BraidComponent(name = "attributes", config = AttributesConfig.class, modality = Modality.ATTRIBUTES,
        description = "categorical and multi-valued attributes (genres, tags, year buckets): multi-hot or hashed, "
                + "idf-weighted, L2-normalised")
public final class AttributesEncoder extends CatalogFittedEncoder<String, AttributesEncoder.Vocabulary> {
    private static final Logger LOG = LoggerFactory.getLogger(AttributesEncoder.class);

    private final AttributesConfig config;
    private final AttributeEncoding encoding;
    private final AttributeTokens tokens;

    public AttributesEncoder(AttributesConfig config) {
        super("attributes", Modality.ATTRIBUTES, config.dimension());
        this.config = config;
        this.encoding = AttributeEncoding.parse(config.encoding());
        this.tokens = new AttributeTokens(config.fields(), config.buckets());
    }

    @Override
    public String fingerprint() {
        return "attributes-v1";
    }

    @Override
    Set<String> distinctTerms(Item item) {
        return tokens.of(item);
    }

    @Override
    Vocabulary fitModel(Map<String, Integer> df, int docs, int bad, List<Item> catalog) {
        if (docs == 0) {
            throw new IllegalArgumentException("attributes: no catalog item has a value in "
                    + (config.fields().isEmpty() ? "any attribute" : "the fields " + config.fields())
                    + "; the catalog's items carry " + AttributeTokens.names(catalog));
        }
        Vocabulary vocabulary = Vocabulary.fit(df, docs, encoding, config);
        LOG.info("attributes: {} distinct values over {} items{}; {}", df.size(), docs,
                bad == 0 ? "" : " (" + bad + " items with unreadable values)", vocabulary.describe());
        return vocabulary;
    }

    @Override
    EncodingResult encodeOne(Item item, Vocabulary v) {
        Set<String> t;
        try {
            t = tokens.of(item);
        } catch (IllegalArgumentException e) {
            return EncodingResult.failure(item.id(), FailureKind.INVALID, e.getMessage());
        }
        if (t.isEmpty()) {
            return EncodingResult.failure(item.id(), FailureKind.MISSING, "item '" + item.id() + "' has no value in "
                    + (config.fields().isEmpty() ? "any attribute" : "the attributes " + config.fields()));
        }
        float[] x = new float[config.dimension()];
        for (String token : t) {
            v.add(token, x);
        }
        // Zero when no value has a slot (or, hashed, when colliding values cancel out).
        return unitVector(item, x, () -> "none of its values " + t + " is in the vocabulary (each must be carried by "
                + "at least " + config.minCount() + " catalog items)");
    }

    /** The fitted slots and weights; immutable, so encode is thread-safe. */
    record Vocabulary(Map<String, Integer> slots, Map<String, Float> weights, float unseenWeight,
                      AttributeEncoding encoding, int dimension, int dropped) {

        static Vocabulary fit(Map<String, Integer> df, int docs, AttributeEncoding encoding, AttributesConfig c) {
            Map<String, Float> weights = new HashMap<>();
            df.forEach((token, n) -> weights.put(token, c.idf() ? idf(docs, n) : 1f));
            Map<String, Integer> slots = new HashMap<>();
            int dropped = 0;
            if (encoding == AttributeEncoding.MULTI_HOT) {
                List<Map.Entry<String, Integer>> frequent = df.entrySet().stream()
                        .filter(e -> e.getValue() >= c.minCount())
                        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                                .thenComparing(Map.Entry.comparingByKey()))
                        .toList();
                for (Map.Entry<String, Integer> e : frequent) {
                    if (slots.size() < c.dimension()) {
                        slots.put(e.getKey(), slots.size());
                    } else {
                        dropped++;
                    }
                }
            }
            return new Vocabulary(Map.copyOf(slots), Map.copyOf(weights), c.idf() ? idf(docs, 0) : 1f, encoding,
                    c.dimension(), dropped);
        }

        static float idf(int docs, int df) {
            return TfIdfEncoder.smoothedIdf(docs, df);
        }

        /** Adds one token's weight to {@code x}; nothing when the token has no slot. */
        void add(String token, float[] x) {
            float w = weights.getOrDefault(token, unseenWeight);
            if (encoding == AttributeEncoding.HASHED) {
                int h = Murmur3.hash32(token, 0);
                x[(h & 0x7fffffff) % dimension] += h < 0 ? -w : w;
                return;
            }
            Integer slot = slots.get(token);
            if (slot != null) {
                x[slot] += w;
            }
        }

        String describe() {
            return encoding == AttributeEncoding.HASHED ? "hashed into " + dimension + " buckets"
                    : slots.size() + " values in the vocabulary" + (dropped == 0 ? ""
                    : ", " + dropped + " frequent values dropped for lack of room (raise dimension)");
        }
    }
}
