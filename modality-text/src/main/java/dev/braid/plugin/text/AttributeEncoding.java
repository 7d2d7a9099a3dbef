package dev.braid.plugin.text;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How attribute values become vector slots. */
enum AttributeEncoding {
    /** One slot per value of a vocabulary fitted on the catalog (the most frequent values first). */
    MULTI_HOT("multi-hot"),
    /** Signed feature hashing into a fixed number of buckets: no vocabulary, open-ended values. */
    HASHED("hashed");

    private final String key;

    AttributeEncoding(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    static AttributeEncoding parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (AttributeEncoding e : values()) {
            if (e.key.equals(v) || e.name().toLowerCase(Locale.ROOT).equals(v)) {
                return e;
            }
        }
        throw new IllegalArgumentException("attributes.encoding: unknown encoding '" + value + "', expected "
                + Arrays.stream(values()).map(AttributeEncoding::key).collect(Collectors.joining(" or ")));
    }
}
