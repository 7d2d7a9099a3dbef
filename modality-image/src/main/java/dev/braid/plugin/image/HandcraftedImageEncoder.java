package dev.braid.plugin.image;

import static dev.braid.plugin.image.ColorHistogramEncoder.check;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.data.Item;
import dev.braid.api.data.Modality;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.EncodingResult.FailureKind;
import dev.braid.api.encoder.ModalityEncoder;
import java.util.List;

/**
 * Hand-crafted image descriptor: three blocks, each embedded on its own and scaled by its weight, concatenated
 * and L2-normalised:
 * <ol>
 *   <li>colour: the HSV histogram of {@code color-histogram} (Hellinger);</li>
 *   <li>texture: uniform LBP histogram, 59 bins (Hellinger);</li>
 *   <li>layout: Sobel edge-orientation histogram per cell of a {@code grid x grid} partition (Hellinger over the
 *       whole block, so cells with more edges weigh more).</li>
 * </ol>
 * With unit-norm blocks the cosine of two vectors is the weight-squared average of the block similarities; with
 * the defaults (1, 0.5, 0.5) colour carries two thirds. A block with nothing to describe (the texture and layout
 * of images under 3x3 pixels, the layout of a flat image) is zero and the others are renormalised.
 * All features run on a copy downscaled to {@code size} pixels (128 by default), which keeps encoding at a few
 * milliseconds per poster. Optional preprocessing: centre crop (square and/or a central fraction) and contrast
 * normalisation ({@link ImagePreprocessing}); JPEG EXIF orientation is always applied. Failures as in
 * {@link ColorHistogramEncoder}. Thread-safe.
 */
@BraidComponent(name = "image-handcrafted", config = HandcraftedImageConfig.class, modality = Modality.IMAGE,
        description = "HSV colour histogram + uniform LBP texture + 4x4 edge-orientation layout, weighted, L2")
public final class HandcraftedImageEncoder implements ModalityEncoder {
    private final HsvHistogram color;
    private final EdgeLayout layout;
    private final ImageLoader loader;
    private final float colorWeight;
    private final float textureWeight;
    private final float layoutWeight;

    /** @throws IllegalArgumentException when a parameter is out of range or every weight is zero */
    public HandcraftedImageEncoder(HandcraftedImageConfig config) {
        check(config.hueBins() >= 2, "hueBins must be >= 2, got " + config.hueBins());
        check(config.saturationBins() >= 1, "saturationBins must be >= 1, got " + config.saturationBins());
        check(config.valueBins() >= 1, "valueBins must be >= 1, got " + config.valueBins());
        check(config.grid() >= 1, "grid must be >= 1, got " + config.grid());
        check(config.orientations() >= 2, "orientations must be >= 2, got " + config.orientations());
        check(config.colorWeight() >= 0 && config.textureWeight() >= 0 && config.layoutWeight() >= 0,
                "colorWeight, textureWeight and layoutWeight must be >= 0");
        check(config.colorWeight() + config.textureWeight() + config.layoutWeight() > 0,
                "at least one of colorWeight, textureWeight, layoutWeight must be > 0");
        check(config.maxPixels() >= 1, "maxPixels must be >= 1, got " + config.maxPixels());
        check(config.size() >= 16, "size must be >= 16, got " + config.size());
        this.color = new HsvHistogram(config.hueBins(), config.saturationBins(), config.valueBins());
        this.layout = new EdgeLayout(config.grid(), config.orientations());
        check(config.cropFraction() > 0 && config.cropFraction() <= 1,
                "cropFraction must be in (0, 1], got " + config.cropFraction());
        this.loader = new ImageLoader(config.maxPixels(), config.size(), new ImagePreprocessing(config.squareCrop(),
                config.cropFraction(), config.autoContrast()));
        this.colorWeight = (float) config.colorWeight();
        this.textureWeight = (float) config.textureWeight();
        this.layoutWeight = (float) config.layoutWeight();
    }

    @Override
    public Modality modality() {
        return Modality.IMAGE;
    }

    @Override
    public int dimension() {
        return color.size() + LbpHistogram.BINS + layout.size();
    }

    @Override
    public String fingerprint() {
        return "hsv-lbp-edges-v1";
    }

    @Override
    public List<EncodingResult> encode(List<Item> items) {
        return ImageBatch.encode(items, loader, this::features, "image-handcrafted");
    }

    float[] features(RgbaImage image) throws ImageLoadException {
        float[] c = color.compute(image);
        if (!Histograms.hellinger(c)) {
            throw ImageLoadException.transparent();
        }
        float[] gray = image.gray();
        float[] t = LbpHistogram.compute(gray, image.width(), image.height());
        Histograms.hellinger(t);
        float[] l = layout.compute(gray, image.width(), image.height());
        Histograms.hellinger(l);
        float[] v = new float[dimension()];
        int o = put(v, 0, c, colorWeight);
        o = put(v, o, t, textureWeight);
        put(v, o, l, layoutWeight);
        if (!Histograms.l2Normalize(v)) {
            // Only with colorWeight = 0 on an image whose texture and layout are empty (tiny or flat).
            throw new ImageLoadException(FailureKind.INVALID, "image too small or flat for the texture and layout "
                    + "blocks, and colorWeight is 0", null);
        }
        return v;
    }

    private static int put(float[] v, int offset, float[] block, float weight) {
        for (int i = 0; i < block.length; i++) {
            v[offset + i] = block[i] * weight;
        }
        return offset + block.length;
    }
}
