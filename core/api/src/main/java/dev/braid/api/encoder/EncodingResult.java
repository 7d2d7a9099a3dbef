package dev.braid.api.encoder;

import java.util.Objects;

/** The outcome of encoding one item: a vector, or a typed failure that says why. */
public sealed interface EncodingResult permits EncodingResult.Success, EncodingResult.Failure {

    String itemId();

    static EncodingResult success(String itemId, float[] vector) {
        return new Success(itemId, vector);
    }

    static EncodingResult failure(String itemId, FailureKind kind, String message) {
        return new Failure(itemId, kind, message);
    }

    /** Why an item could not be encoded. */
    enum FailureKind {
        /** The item has no content of this modality. */
        MISSING,
        /** The content could not be read (missing file, I/O error). */
        UNREADABLE,
        /** The content is readable but its format is not supported. */
        UNSUPPORTED,
        /** The content is corrupt, too large, or otherwise unusable. */
        INVALID,
        /** The encoder itself failed on this item. */
        ERROR
    }

    /** A vector for the item. The array is owned by the result: encoders must not reuse it. */
    record Success(String itemId, float[] vector) implements EncodingResult {
        public Success {
            Objects.requireNonNull(itemId, "itemId");
            Objects.requireNonNull(vector, "vector");
        }
    }

    /**
     * No vector for the item.
     *
     * @param message what went wrong, naming the file or field when there is one
     */
    record Failure(String itemId, FailureKind kind, String message) implements EncodingResult {
        public Failure {
            Objects.requireNonNull(itemId, "itemId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }
}
