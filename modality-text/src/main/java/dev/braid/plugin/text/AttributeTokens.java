package dev.braid.plugin.text;

import dev.braid.api.data.Item;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns an item's attributes into tokens {@code name:value} (names and values trimmed; values lower-cased), one per
 * distinct value, the numeric attributes named in {@code buckets} first floored to their bucket ({@code year:1990}
 * for 1994 with width 10). A value that should be numeric but is not is reported, not guessed.
 */
final class AttributeTokens {
    private final List<String> fields;
    private final Map<String, Integer> buckets;

    AttributeTokens(List<String> fields, Map<String, Integer> buckets) {
        buckets.forEach((name, width) -> {
            if (width == null || width < 1) {
                throw new IllegalArgumentException("attributes.buckets." + name + ": the width must be at least 1, got "
                        + width);
            }
        });
        this.fields = List.copyOf(fields);
        this.buckets = Map.copyOf(buckets);
    }

    /** The item's distinct tokens, in attribute order. */
    Set<String> of(Item item) {
        Set<String> tokens = new LinkedHashSet<>();
        Iterable<String> names = fields.isEmpty() ? item.attributes().keySet() : fields;
        for (String name : names) {
            for (String raw : item.values(name)) {
                String value = raw == null ? "" : raw.trim();
                if (value.isEmpty()) {
                    continue;
                }
                Integer width = buckets.get(name);
                tokens.add(name.trim() + ":" + (width == null ? value.toLowerCase(Locale.ROOT)
                        : bucket(item, name, value, width)));
            }
        }
        return tokens;
    }

    private static String bucket(Item item, String name, String value, int width) {
        double x;
        try {
            x = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("item '" + item.id() + "': attribute '" + name + "' is bucketed by "
                    + width + " but its value '" + value + "' is not a number");
        }
        long b = (long) Math.floor(x / width) * width;
        return Long.toString(b);
    }

    /** Every attribute name the catalog's items carry (for the log). */
    static List<String> names(List<Item> items) {
        Set<String> names = new LinkedHashSet<>();
        items.forEach(i -> names.addAll(i.attributes().keySet()));
        return new ArrayList<>(names);
    }
}
