package dev.braid.plugin.image;

import dev.braid.api.encoder.EncodingResult.FailureKind;

/** Why an image could not be loaded; becomes the item's {@link dev.braid.api.encoder.EncodingResult.Failure}. */
final class ImageLoadException extends Exception {
    private static final long serialVersionUID = 1L;
    private final FailureKind kind;

    ImageLoadException(FailureKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** An image whose every pixel is fully transparent. */
    static ImageLoadException transparent() {
        return new ImageLoadException(FailureKind.INVALID, "image is fully transparent, no pixel to describe", null);
    }

    FailureKind kind() {
        return kind;
    }
}
