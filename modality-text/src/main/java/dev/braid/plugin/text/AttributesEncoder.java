package dev.braid.plugin.text;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Item;
import dev.braid.api.data.Modality;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.EncodingResult.FailureKind;
import dev.braid.api.encoder.ModalityEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
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
public final class AttributesEncoder implements ModalityEncoder {
    private static final Logger LOG = LoggerFactory.getLogger(AttributesEncoder.class);

    private final AttributesConfig config;
    private final AttributeEncoding encoding;
    private final AttributeTokens tokens;
    private volatile Vocabulary vocabulary;

    public AttributesEncoder(AttributesConfig config) {
        this.config = config;
        this.encoding = AttributeEncoding.parse(config.encoding());
        this.tokens = new AttributeTokens(config.fields(), config.buckets());
    }

    @Override
    public Modality modality() {
        return Modality.ATTRIBUTES;
    }

    @Override
    public int dimension() {
        return config.dimension();
    }

    @Override
    public boolean fitsOnCatalog() {
        return true;
    }

    @Override
    public String fingerprint() {
        return "attributes-v1";
    }

    @Override
    public void fit(List<Item> catalog, ProgressListener progress) {
        progress.start("attributes: value frequencies", catalog.size());
        Map<String, Integer> df = new HashMap<>();
        int docs = 0;
        int bad = 0;
        for (Item item : catalog) {
            try {
                Set<String> t = tokens.of(item);
                if (!t.isEmpty()) {
                    docs++;
                    t.forEach(token -> df.merge(token, 1, Integer::sum));
                }
            } catch (IllegalArgumentException e) {
                bad++; // reported per item by encode
            }
            progress.advance(1);
        }
        progress.finish();
        if (docs == 0) {
            throw new IllegalArgumentException("attributes: no catalog item has a value in "
                    + (config.fields().isEmpty() ? "any attribute" : "the fields " + config.fields())
                    + "; the catalog's items carry " + AttributeTokens.names(catalog));
        }
        this.vocabulary = Vocabulary.fit(df, docs, encoding, config);
        LOG.info("attributes: {} distinct values over {} items{}; {}", df.size(), docs,
                bad == 0 ? "" : " (" + bad + " items with unreadable values)", vocabulary.describe());
    }

    @Override
    public List<EncodingResult> encode(List<Item> items) {
        Vocabulary v = vocabulary;
        if (v == null) {
            throw new IllegalStateException("attributes: fit(catalog) must be called before encode");
        }
        List<EncodingResult> out = new ArrayList<>(items.size());
        for (Item item : items) {
            out.add(encodeOne(item, v));
        }
        return out;
    }

    private EncodingResult encodeOne(Item item, Vocabulary v) {
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
        boolean any = false;
        for (String token : t) {
            any |= v.add(token, x);
        }
        double norm = 0;
        for (float f : x) {
            norm += (double) f * f;
        }
        if (!any || norm == 0) {
            return EncodingResult.failure(item.id(), FailureKind.INVALID, "item '" + item.id() + "': none of its "
                    + "values " + t + " is in the vocabulary (each must be carried by at least " + config.minCount()
                    + " catalog items)");
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < x.length; i++) {
            x[i] *= inv;
        }
        return EncodingResult.success(item.id(), x);
    }

    /** The fitted slots and weights; immutable, so encode is thread-safe. */
    private record Vocabulary(Map<String, Integer> slots, Map<String, Float> weights, float unseenWeight,
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

        /** Adds one token's weight to {@code x}; false when the token has no slot. */
        boolean add(String token, float[] x) {
            float w = weights.getOrDefault(token, unseenWeight);
            if (encoding == AttributeEncoding.HASHED) {
                int h = Murmur3.hash32(token, 0);
                x[(h & 0x7fffffff) % dimension] += h < 0 ? -w : w;
                return true;
            }
            Integer slot = slots.get(token);
            if (slot == null) {
                return false;
            }
            x[slot] += w;
            return true;
        }

        String describe() {
            return encoding == AttributeEncoding.HASHED ? "hashed into " + dimension + " buckets"
                    : slots.size() + " values in the vocabulary" + (dropped == 0 ? ""
                    : ", " + dropped + " frequent values dropped for lack of room (raise dimension)");
        }
    }
}
