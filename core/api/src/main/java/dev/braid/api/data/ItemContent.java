package dev.braid.api.data;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The content of one item, one optional value per modality. {@code null} means the modality is absent.
 *
 * @param text  the item's text (title, description), or {@code null}
 * @param image the item's image, or {@code null}
 * @param audio the item's audio clip, or {@code null}
 */
public record ItemContent(String text, Media image, Media audio) {

    public static final ItemContent EMPTY = new ItemContent(null, null, null);

    public Optional<String> textValue() {
        return Optional.ofNullable(text);
    }

    public Optional<Media> imageValue() {
        return Optional.ofNullable(image);
    }

    public Optional<Media> audioValue() {
        return Optional.ofNullable(audio);
    }

    /**
     * Whether this modality is present. Empty text counts as present: the encoder decides what it means. Content
     * never holds {@link Modality#ATTRIBUTES} (they belong to the {@link Item}: see {@link Item#has}).
     */
    public boolean has(Modality modality) {
        return switch (modality) {
            case TEXT -> text != null;
            case IMAGE -> image != null;
            case AUDIO -> audio != null;
            case ATTRIBUTES -> false;
        };
    }

    /** The modalities that are present. */
    public Set<Modality> modalities() {
        EnumSet<Modality> present = EnumSet.noneOf(Modality.class);
        for (Modality m : Modality.values()) {
            if (has(m)) {
                present.add(m);
            }
        }
        return present;
    }

    /** A copy without this modality (used to evaluate a variant with a modality removed). */
    public ItemContent without(Modality modality) {
        return switch (modality) {
            case TEXT -> new ItemContent(null, image, audio);
            case IMAGE -> new ItemContent(text, null, audio);
            case AUDIO -> new ItemContent(text, image, null);
            case ATTRIBUTES -> this;
        };
    }
}
