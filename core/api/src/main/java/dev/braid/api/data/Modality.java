package dev.braid.api.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of content an item can carry. {@link #ATTRIBUTES} is the item's categorical and multi-valued
 * attributes ({@link Item#attributes()}: genres, tags, brand, a year), encoded into vectors like the media
 * modalities so that fusion can weigh them against text, images and audio.
 */
public enum Modality {
    TEXT, IMAGE, AUDIO,
    /** The item's {@link Item#attributes()}; since 1.1.0 of this package. */
    ATTRIBUTES;

    /** The lower-case name used in configuration files and reports ({@code text}, {@code image}, {@code audio}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a configuration key, case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code key} is not a modality
     */
    public static Modality parse(String key) {
        for (Modality m : values()) {
            if (m.key().equalsIgnoreCase(key == null ? "" : key.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown modality '" + key + "', expected one of "
                + Arrays.stream(values()).map(Modality::key).collect(Collectors.joining(", ")));
    }
}
