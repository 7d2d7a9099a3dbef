package dev.braid.plugin.image;

import dev.braid.api.component.Param;

/**
 * Configuration of the {@code image-handcrafted} encoder.
 *
 * @param hueBins        hue bins of the colour block
 * @param saturationBins saturation bins of the colour block
 * @param valueBins      value bins of the colour block
 * @param grid           cells per side of the layout grid
 * @param orientations   edge-orientation bins per layout cell
 * @param colorWeight    weight of the colour block (HSV histogram)
 * @param textureWeight  weight of the texture block (uniform LBP, 59 bins)
 * @param layoutWeight   weight of the layout block (edge orientations per cell)
 * @param maxPixels      images with more pixels (by their header) are refused without decoding
 * @param size           longest side of the downscaled copy all features are computed on
 * @param squareCrop     keep only the centred square of the shorter side
 * @param cropFraction   then keep the central fraction of each side (1 = no crop)
 * @param autoContrast   stretch levels (1st..99th luma percentile to 0..255) before the features
 */
public record HandcraftedImageConfig(
        @Param(description = "hue bins", defaultValue = "8", min = 2, max = 360) int hueBins,
        @Param(description = "saturation bins", defaultValue = "3", min = 1, max = 64) int saturationBins,
        @Param(description = "value (brightness) bins", defaultValue = "3", min = 1, max = 64) int valueBins,
        @Param(description = "layout grid cells per side", defaultValue = "4", min = 1, max = 32) int grid,
        @Param(description = "edge-orientation bins per layout cell", defaultValue = "8", min = 2, max = 64)
        int orientations,
        @Param(description = "weight of the colour block", defaultValue = "1.0", min = 0) double colorWeight,
        @Param(description = "weight of the texture (LBP) block", defaultValue = "0.5", min = 0) double textureWeight,
        @Param(description = "weight of the layout (edge) block", defaultValue = "0.5", min = 0) double layoutWeight,
        @Param(description = "refuse images with more pixels than this (checked on the header, before decoding)",
                defaultValue = "40000000", min = 1) long maxPixels,
        @Param(description = "longest side of the downscaled copy the features are computed on",
                defaultValue = "128", min = 16, max = 4096) int size,
        @Param(description = "keep only the centred square of the shorter side", defaultValue = "false")
        boolean squareCrop,
        @Param(description = "keep the central fraction of each side (after squareCrop; 1 = whole image)",
                defaultValue = "1.0", min = 0.01, max = 1) double cropFraction,
        @Param(description = "stretch levels so the 1st/99th luma percentiles become black/white",
                defaultValue = "false") boolean autoContrast) {

    /** The documented defaults without the preprocessing parameters (no crop, no contrast stretch). */
    public HandcraftedImageConfig(int hueBins, int saturationBins, int valueBins, int grid, int orientations,
            double colorWeight, double textureWeight, double layoutWeight, long maxPixels, int size) {
        this(hueBins, saturationBins, valueBins, grid, orientations, colorWeight, textureWeight, layoutWeight,
                maxPixels, size, false, 1.0, false);
    }

    /** The documented defaults: 72 colour + 59 texture + 128 layout = 259 dimensions. */
    public static HandcraftedImageConfig defaults() {
        return new HandcraftedImageConfig(8, 3, 3, 4, 8, 1.0, 0.5, 0.5, 40_000_000L, 128);
    }
}
