package dev.braid.plugin.image;

import dev.braid.api.component.Param;

/**
 * Configuration of the {@code color-histogram} image encoder.
 *
 * @param hueBins        hue bins (soft-assigned around the colour circle)
 * @param saturationBins saturation bins
 * @param valueBins      value (brightness) bins
 * @param maxPixels      images with more pixels (by their header) are refused without decoding
 * @param size           longest side, in pixels, of the downscaled copy the histogram is computed on
 */
public record ColorHistogramConfig(
        @Param(description = "hue bins", defaultValue = "8", min = 2, max = 360) int hueBins,
        @Param(description = "saturation bins", defaultValue = "3", min = 1, max = 64) int saturationBins,
        @Param(description = "value (brightness) bins", defaultValue = "3", min = 1, max = 64) int valueBins,
        @Param(description = "refuse images with more pixels than this (checked on the header, before decoding)",
                defaultValue = "40000000", min = 1) long maxPixels,
        @Param(description = "longest side of the downscaled copy the histogram is computed on",
                defaultValue = "128", min = 8, max = 4096) int size) {

    /** The documented defaults: 8 x 3 x 3 = 72 bins. */
    public static ColorHistogramConfig defaults() {
        return new ColorHistogramConfig(8, 3, 3, 40_000_000L, 128);
    }
}
