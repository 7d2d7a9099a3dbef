package dev.braid.api.data;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

    /**
     * Parses a configured list of modality keys (a component's {@code modalities} parameter).
     *
     * @param param the parameter's name, for messages
     * @throws IllegalArgumentException naming {@code param[i]} for a key that is not a modality
     * @since 1.2.0 of this package
     */
    public static Set<Modality> parseAll(String param, List<String> keys) {
        EnumSet<Modality> mods = EnumSet.noneOf(Modality.class);
        for (int i = 0; i < keys.size(); i++) {
            try {
                mods.add(parse(keys.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(param + "[" + i + "]: " + e.getMessage(), e);
            }
        }
        return Collections.unmodifiableSet(mods);
    }

    /**
     * Parses configured weights per modality key (a component's {@code weights} parameter); every weight is a
     * finite number {@code >= 0}.
     *
     * @param param the parameter's name, for messages
     * @throws IllegalArgumentException naming {@code param.<key>} for an unknown modality or a bad weight
     * @since 1.2.0 of this package
     */
    public static Map<Modality, Double> parseWeights(String param, Map<String, Double> weights) {
        EnumMap<Modality, Double> w = new EnumMap<>(Modality.class);
        weights.forEach((key, value) -> {
            Modality m;
            try {
                m = parse(key);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(param + "." + key + ": " + e.getMessage(), e);
            }
            if (value == null || !Double.isFinite(value) || value < 0) {
                throw new IllegalArgumentException(param + "." + key + ": must be a number >= 0, got " + value);
            }
            w.put(m, value);
        });
        return Collections.unmodifiableMap(w);
    }
}
