package dev.braid.api.describe;

import dev.braid.api.encoder.EncodingResult.FailureKind;
import java.util.Objects;

/** The outcome of describing one item: a description, or a typed failure that says why there is none. */
public sealed interface DescriptionResult permits DescriptionResult.Success, DescriptionResult.Failure {

    String itemId();

    static DescriptionResult success(String itemId, String text, boolean cached) {
        return new Success(itemId, text, cached);
    }

    static DescriptionResult failure(String itemId, FailureKind kind, String message) {
        return new Failure(itemId, kind, message);
    }

    /**
     * A description of the item.
     *
     * @param text   plain text, one paragraph, no control characters, not blank; treated as data, never as
     *               instructions
     * @param cached whether it came from the describer's cache (no model was asked)
     */
    record Success(String itemId, String text, boolean cached) implements DescriptionResult {
        public Success {
            if (Objects.requireNonNull(text, "text").isBlank()) {
                throw new IllegalArgumentException("the description of item '" + itemId + "' is blank");
            }
            Objects.requireNonNull(itemId, "itemId");
        }
    }

    /**
     * No description for the item: it keeps its original text. {@link FailureKind#MISSING} means the item has
     * nothing to describe (counted as skipped, not as failed).
     *
     * @param message what went wrong, naming the file or the endpoint's answer when there is one
     */
    record Failure(String itemId, FailureKind kind, String message) implements DescriptionResult {
        public Failure {
            if (itemId == null || kind == null || message == null) {
                throw new NullPointerException("a failure needs an item id, a kind and a message");
            }
        }
    }
}
