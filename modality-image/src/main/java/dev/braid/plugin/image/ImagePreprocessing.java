package dev.braid.plugin.image;

/**
 * Geometric and tonal preprocessing applied while an image is loaded, before any feature: first the crop (taken
 * from the stored image with a source region, so the decoder skips the rest), then the downscale to the target
 * size, the EXIF orientation and, last, the contrast normalisation.
 *
 * @param squareCrop    keep the centred square of the shorter side (as vision models expect)
 * @param cropFraction  then keep the central {@code cropFraction} of each side ({@code 1} keeps everything)
 * @param autoContrast  stretch levels so that the 1st and 99th percentiles of luma map to 0 and 255 (all three
 *                      channels with the same linear map, so hues are kept); flat images are left as they are
 */
record ImagePreprocessing(boolean squareCrop, double cropFraction, boolean autoContrast) {
    /** Nothing: the whole image, levels as stored. */
    static final ImagePreprocessing NONE = new ImagePreprocessing(false, 1, false);

    ImagePreprocessing {
        if (!(cropFraction > 0 && cropFraction <= 1)) {
            throw new IllegalArgumentException("cropFraction must be in (0, 1], got " + cropFraction);
        }
    }

    /** The source region {@code {x, y, width, height}} of a stored {@code w x h} image (never empty). */
    int[] region(int w, int h) {
        int cw = w;
        int ch = h;
        if (squareCrop) {
            cw = Math.min(w, h);
            ch = cw;
        }
        cw = Math.max(1, (int) Math.round(cw * cropFraction));
        ch = Math.max(1, (int) Math.round(ch * cropFraction));
        return new int[] {(w - cw) / 2, (h - ch) / 2, cw, ch};
    }

    boolean crops() {
        return squareCrop || cropFraction < 1;
    }

    RgbaImage adjust(RgbaImage img) {
        return autoContrast ? stretch(img) : img;
    }

    static RgbaImage stretch(RgbaImage img) {
        int[] hist = new int[256];
        int[] p = img.argb();
        for (int v : p) {
            hist[(int) luma(v)]++;
        }
        int n = p.length;
        int lo = percentile(hist, n / 100);
        int hi = percentile(hist, n - 1 - n / 100);
        if (hi - lo < 2) {
            return img;
        }
        int[] lut = new int[256];
        for (int i = 0; i < 256; i++) {
            lut[i] = Math.max(0, Math.min(255, Math.round((i - lo) * 255f / (hi - lo))));
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int v = p[i];
            out[i] = (v & 0xff000000) | lut[(v >> 16) & 0xff] << 16 | lut[(v >> 8) & 0xff] << 8 | lut[v & 0xff];
        }
        return new RgbaImage(img.width(), img.height(), out);
    }

    private static float luma(int v) {
        return Math.min(255, 0.299f * ((v >> 16) & 0xff) + 0.587f * ((v >> 8) & 0xff) + 0.114f * (v & 0xff));
    }

    /** The smallest level with more than {@code rank} pixels at or below it. */
    private static int percentile(int[] hist, int rank) {
        int cumulative = 0;
        for (int i = 0; i < 256; i++) {
            cumulative += hist[i];
            if (cumulative > rank) {
                return i;
            }
        }
        return 255;
    }
}
