package dev.braid.platform.media;

/**
 * A decoded image, upright: non-premultiplied sRGB pixels packed as ARGB ints, row-major.
 *
 * @param width  columns, {@code >= 1}
 * @param height rows, {@code >= 1}
 * @param argb   {@code width * height} pixels
 */
public record DecodedImage(int width, int height, int[] argb) {

    /** Checks the shape. */
    public DecodedImage {
        if (width < 1 || height < 1 || argb.length != (long) width * height) {
            throw new IllegalArgumentException("bad image shape " + width + "x" + height + " for " + argb.length
                    + " pixels");
        }
    }
}
