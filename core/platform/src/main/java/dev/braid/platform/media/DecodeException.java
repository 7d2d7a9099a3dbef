package dev.braid.platform.media;

import dev.braid.api.encoder.EncodingResult.FailureKind;

/**
 * Why a media file could not be decoded; the message names the file (the media's name) and the problem, and the
 * kind is what an encoder reports for the item ({@link dev.braid.api.encoder.EncodingResult.Failure}).
 */
public final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;
    private final FailureKind kind;

    /** A decoding failure of {@code kind}; {@code message} names the file. */
    public DecodeException(FailureKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** What kind of failure it is: unreadable (missing, denied), unsupported format, invalid content. */
    public FailureKind kind() {
        return kind;
    }
}
