package dev.braid.plugin.text;

import dev.braid.api.component.Param;

import java.util.List;
import java.util.Map;

/**
 * Configuration of the {@code attributes} encoder.
 *
 * @param fields    the attribute names to encode, in any order; empty encodes every attribute an item has
 * @param encoding  {@code multi-hot}: one slot per frequent value (a vocabulary fitted on the catalog);
 *                  {@code hashed}: signed feature hashing, no vocabulary (for open-ended tags)
 * @param dimension the vector length: the vocabulary's capacity (multi-hot) or the number of hash buckets
 * @param minCount  values carried by fewer catalog items are ignored (multi-hot): they cannot generalise
 * @param idf       weight each value by its smoothed inverse document frequency, so rare values count more
 * @param buckets   numeric attributes turned into ranges before encoding, by width (e.g. {@code {year: 10}}: 1994
 *                  becomes {@code year:1990})
 */
public record AttributesConfig(
        @Param(description = "attribute names to encode (empty: all)", defaultValue = "[]") List<String> fields,
        @Param(description = "multi-hot (fitted vocabulary) or hashed", defaultValue = "multi-hot")
        String encoding,
        @Param(description = "vector length: vocabulary capacity or hash buckets", defaultValue = "256", min = 2,
                max = 1_048_576) int dimension,
        @Param(description = "ignore values carried by fewer items (multi-hot)", defaultValue = "2", min = 1)
        int minCount,
        @Param(description = "weight values by inverse document frequency", defaultValue = "true") boolean idf,
        @Param(description = "bucket widths of numeric attributes, e.g. {year: 10}", defaultValue = "{}")
        Map<String, Integer> buckets) {

    public AttributesConfig {
        fields = fields == null ? List.of() : List.copyOf(fields);
        buckets = buckets == null ? Map.of() : Map.copyOf(buckets);
        encoding = encoding == null ? "multi-hot" : encoding;
    }

    /** The documented defaults. */
    public static AttributesConfig defaults() {
        return new AttributesConfig(List.of(), "multi-hot", 256, 2, true, Map.of());
    }
}
