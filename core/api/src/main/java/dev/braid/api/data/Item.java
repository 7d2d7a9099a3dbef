package dev.braid.api.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One catalog item.
 *
 * @param id         unique, non-blank identifier
 * @param title      a human-readable title (may be empty, never null)
 * @param attributes named, possibly multi-valued attributes (genre, year, availability) used by rules and reports
 * @param content    the item's text, image and audio
 */
public record Item(String id, String title, Map<String, List<String>> attributes, ItemContent content) {

    public Item {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("item id must not be blank");
        }
        title = title == null ? "" : title;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (attributes != null) {
            attributes.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        }
        attributes = java.util.Collections.unmodifiableMap(copy);
        content = content == null ? ItemContent.EMPTY : content;
    }

    /** An item with text only. */
    public static Item ofText(String id, String text) {
        return new Item(id, "", Map.of(), new ItemContent(text, null, null));
    }

    /**
     * Whether the item carries this modality: {@link Modality#ATTRIBUTES} when it has at least one attribute value,
     * the media modalities as {@link ItemContent#has} says.
     *
     * @since 1.1.0 of this package
     */
    public boolean has(Modality modality) {
        if (modality == Modality.ATTRIBUTES) {
            return attributes.values().stream().anyMatch(v -> !v.isEmpty());
        }
        return content.has(modality);
    }

    /** The values of an attribute, empty when the item does not have it. */
    public List<String> values(String attribute) {
        return attributes.getOrDefault(attribute, List.of());
    }

    /** The first value of an attribute. */
    public Optional<String> attribute(String attribute) {
        List<String> v = values(attribute);
        return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** A copy with other content (same id, title and attributes). */
    public Item withContent(ItemContent newContent) {
        return new Item(id, title, attributes, newContent);
    }
}
