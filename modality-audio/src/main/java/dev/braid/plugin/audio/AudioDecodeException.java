package dev.braid.plugin.audio;

import dev.braid.api.encoder.EncodingResult.FailureKind;

/** Why a clip could not be decoded; becomes the item's {@link dev.braid.api.encoder.EncodingResult.Failure}. */
final class AudioDecodeException extends Exception {
    private static final long serialVersionUID = 1L;
    private final FailureKind kind;

    AudioDecodeException(FailureKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    FailureKind kind() {
        return kind;
    }
}
