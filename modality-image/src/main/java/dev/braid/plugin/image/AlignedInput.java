package dev.braid.plugin.image;

/**
 * One image prepared for the image-aligned network.
 *
 * @param pixels   {@code 3 x size x size} floats, channel-major, standardised ({@code (v/255 - 0.5) / 0.25})
 * @param features the hand-crafted descriptor, or an empty array when the network does not use it
 */
record AlignedInput(float[] pixels, float[] features) {
    private static final float[] NONE = new float[0];

    /**
     * Stretches the whole image to {@code size x size} (bilinear, alpha composited onto white) and computes the
     * descriptor with {@code descriptor} when it is not null.
     */
    static AlignedInput of(RgbaImage image, int size, HandcraftedImageEncoder descriptor) throws ImageLoadException {
        float[] features = descriptor == null ? NONE : descriptor.features(image);
        return new AlignedInput(stretch(image, size), features);
    }

    static float[] stretch(RgbaImage img, int size) {
        int w = img.width();
        int h = img.height();
        int[] argb = img.argb();
        int plane = size * size;
        float[] out = new float[3 * plane];
        for (int oy = 0; oy < size; oy++) {
            float sy = Math.max(0, Math.min(h - 1, (oy + 0.5f) * h / size - 0.5f));
            int y0 = (int) sy;
            int y1 = Math.min(h - 1, y0 + 1);
            float fy = sy - y0;
            for (int ox = 0; ox < size; ox++) {
                float sx = Math.max(0, Math.min(w - 1, (ox + 0.5f) * w / size - 0.5f));
                int x0 = (int) sx;
                int x1 = Math.min(w - 1, x0 + 1);
                float fx = sx - x0;
                for (int c = 0; c < 3; c++) {
                    int shift = 16 - 8 * c;
                    float top = (1 - fx) * white(argb[y0 * w + x0], shift) + fx * white(argb[y0 * w + x1], shift);
                    float bottom = (1 - fx) * white(argb[y1 * w + x0], shift) + fx * white(argb[y1 * w + x1], shift);
                    float v = (1 - fy) * top + fy * bottom;
                    out[c * plane + oy * size + ox] = (v / 255f - 0.5f) / 0.25f;
                }
            }
        }
        return out;
    }

    /** A channel of a pixel composited onto white. */
    private static float white(int p, int shift) {
        float a = (p >>> 24) / 255f;
        return a * ((p >> shift) & 0xff) + (1 - a) * 255f;
    }

    /** Writes the horizontal mirror of {@code pixels} ({@code 3 x size x size}) into {@code out} at {@code offset}. */
    static void flipInto(float[] pixels, int size, float[] out, int offset) {
        for (int row = 0; row < 3 * size; row++) {
            int base = row * size;
            for (int x = 0; x < size; x++) {
                out[offset + base + x] = pixels[base + size - 1 - x];
            }
        }
    }
}
