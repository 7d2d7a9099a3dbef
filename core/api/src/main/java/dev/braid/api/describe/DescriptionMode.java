package dev.braid.api.describe;

import dev.braid.api.data.Item;
import java.util.Locale;

/**
 * How a description joins an item's text: {@code replace} it, {@code append} to it, or fill it in only where it is
 * {@code missing} (absent, or shorter than a threshold). Every engine (the runtime, Spark) applies the same rule.
 */
public enum DescriptionMode {
    /** The description becomes the item's text. */
    REPLACE,
    /** The description follows the item's text, after a blank line. */
    APPEND,
    /** Only items with no text, or text shorter than the threshold, are described; the description replaces it. */
    MISSING;

    /** The name in configurations: {@code replace}, {@code append}, {@code missing}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode of a configuration value, case-insensitive. */
    public static DescriptionMode parse(String value) {
        String v = value == null ? "" : value.trim();
        return java.util.Arrays.stream(values()).filter(m -> m.key().equalsIgnoreCase(v)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("unknown mode '" + value + "'; expected replace, append or missing"));
    }

    /**
     * Whether an item's text calls for a description in this mode.
     *
     * @param minTextChars in {@code missing} mode, text (stripped) shorter than this counts as missing
     */
    public boolean wants(Item item, int minTextChars) {
        if (this != MISSING) {
            return true;
        }
        String text = item.content().text();
        return text == null || text.strip().length() < Math.max(1, minTextChars);
    }

    /** The item's text once the description joins it ({@code text} may be {@code null}). */
    public String apply(String text, String description) {
        if (this == APPEND && text != null && !text.isBlank()) {
            return text.strip() + "\n\n" + description;
        }
        return description;
    }
}
