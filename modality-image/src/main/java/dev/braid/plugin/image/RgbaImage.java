package dev.braid.plugin.image;

/**
 * A small decoded image: non-premultiplied sRGB pixels packed as ARGB ints, row-major.
 *
 * @param width  columns, {@code >= 1}
 * @param height rows, {@code >= 1}
 * @param argb   {@code width * height} pixels
 */
record RgbaImage(int width, int height, int[] argb) {

    RgbaImage {
        if (width < 1 || height < 1 || argb.length != width * height) {
            throw new IllegalArgumentException("bad image shape " + width + "x" + height + " for " + argb.length
                    + " pixels");
        }
    }

    /**
     * Luma (0..255, Rec. 601 weights) of every pixel, composited onto white so that transparent areas read as a
     * flat background rather than black edges.
     */
    float[] gray() {
        float[] g = new float[argb.length];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            float a = (p >>> 24) / 255f;
            float y = 0.299f * ((p >> 16) & 0xff) + 0.587f * ((p >> 8) & 0xff) + 0.114f * (p & 0xff);
            g[i] = a * y + (1 - a) * 255f;
        }
        return g;
    }
}
