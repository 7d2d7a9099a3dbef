package dev.braid.plugin.image;

/**
 * Joint hue x saturation x value histogram.
 *
 * <p>Hue is soft-binned on the circle: bin {@code k} is centred on hue {@code k * 360 / hueBins} (so pure red,
 * 0 degrees, is the centre of bin 0) and a pixel splits its weight linearly between the two nearest centres. That
 * keeps the histogram stable for hues near a bin edge and makes similar hues similar vectors. Saturation and value
 * are soft-binned the same way (bin {@code i} centred at {@code (i + 0.5) / bins}, weight clamped to the outer bins
 * beyond the outer centres), so a class of slightly varying shades does not split across a hard bin edge. Each
 * pixel weighs its alpha (fully transparent pixels count for nothing).
 * Bin index: {@code (hue * saturationBins + saturation) * valueBins + value}.
 *
 * @param hueBins        bins around the hue circle
 * @param saturationBins bins of saturation
 * @param valueBins      bins of value
 */
record HsvHistogram(int hueBins, int saturationBins, int valueBins) {

    int size() {
        return hueBins * saturationBins * valueBins;
    }

    /** The raw (alpha-weighted) histogram; all zeros when every pixel is transparent. */
    float[] compute(RgbaImage image) {
        float[] h = new float[size()];
        float hueStep = hueBins / 6f;
        for (int p : image.argb()) {
            int alpha = p >>> 24;
            if (alpha == 0) {
                continue;
            }
            float w = alpha / 255f;
            int r = (p >> 16) & 0xff;
            int g = (p >> 8) & 0xff;
            int b = p & 0xff;
            int max = Math.max(r, Math.max(g, b));
            int min = Math.min(r, Math.min(g, b));
            int chroma = max - min;
            float sat = max == 0 ? 0f : (float) chroma / max;
            // Hue in sixths of the circle, [0, 6); grey pixels (no chroma) get hue 0.
            float hue6 = 0f;
            if (chroma > 0) {
                if (max == r) {
                    hue6 = (float) (g - b) / chroma;
                    if (hue6 < 0) {
                        hue6 += 6f;
                    }
                } else if (max == g) {
                    hue6 = (float) (b - r) / chroma + 2f;
                } else {
                    hue6 = (float) (r - g) / chroma + 4f;
                }
            }
            float pos = hue6 * hueStep;
            int h0 = (int) pos;
            float hf = pos - h0;
            h0 %= hueBins;
            int h1 = (h0 + 1) % hueBins;
            // Saturation and value: linear between bin centres, clamped to the outer bins at the ends.
            float sPos = Math.max(0f, Math.min(saturationBins - 1f, sat * saturationBins - 0.5f));
            int s0 = Math.min((int) sPos, saturationBins - 1);
            int s1 = Math.min(s0 + 1, saturationBins - 1);
            float sf = sPos - s0;
            float vPos = Math.max(0f, Math.min(valueBins - 1f, max / 255f * valueBins - 0.5f));
            int v0 = Math.min((int) vPos, valueBins - 1);
            int v1 = Math.min(v0 + 1, valueBins - 1);
            float vf = vPos - v0;
            int stride = saturationBins * valueBins;
            for (int hi = 0; hi < 2; hi++) {
                int hb = (hi == 0 ? h0 : h1) * stride;
                float wh = w * (hi == 0 ? 1 - hf : hf);
                for (int si = 0; si < 2; si++) {
                    int sb = (si == 0 ? s0 : s1) * valueBins;
                    float ws = wh * (si == 0 ? 1 - sf : sf);
                    h[hb + sb + v0] += ws * (1 - vf);
                    h[hb + sb + v1] += ws * vf;
                }
            }
        }
        return h;
    }
}
