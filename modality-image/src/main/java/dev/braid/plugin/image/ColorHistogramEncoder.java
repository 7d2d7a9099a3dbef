package dev.braid.plugin.image;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.data.Item;
import dev.braid.api.data.Modality;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.ModalityEncoder;
import java.util.List;

/**
 * HSV colour histogram of an image ({@link HsvHistogram}: soft hue bins centred on 0, 45, 90... degrees by
 * default, hard saturation and value bins), computed on a copy downscaled to {@code size} pixels, transparent
 * pixels ignored, then Hellinger-embedded (sum 1, square root), so the vector has unit L2 norm and the dot
 * product of two vectors is the Bhattacharyya similarity of their colour distributions.
 *
 * <p>Images are decoded by {@link ImageLoader}: the header is checked against {@code maxPixels} before decoding,
 * large images are decoded subsampled. Failures name the file: missing or unreadable file
 * ({@code UNREADABLE}), unknown format ({@code UNSUPPORTED}), corrupt, oversized or fully transparent image
 * ({@code INVALID}); an item without image is {@code MISSING}. Thread-safe; batches run in parallel, in order.
 */
@BraidComponent(name = "color-histogram", config = ColorHistogramConfig.class, modality = Modality.IMAGE,
        description = "HSV colour histogram (soft hue bins), Hellinger-normalised")
public final class ColorHistogramEncoder implements ModalityEncoder {
    private final HsvHistogram histogram;
    private final ImageLoader loader;

    /** @throws IllegalArgumentException when a bin count or size is out of range */
    public ColorHistogramEncoder(ColorHistogramConfig config) {
        check(config.hueBins() >= 2, "hueBins must be >= 2, got " + config.hueBins());
        check(config.saturationBins() >= 1, "saturationBins must be >= 1, got " + config.saturationBins());
        check(config.valueBins() >= 1, "valueBins must be >= 1, got " + config.valueBins());
        check(config.maxPixels() >= 1, "maxPixels must be >= 1, got " + config.maxPixels());
        check(config.size() >= 8, "size must be >= 8, got " + config.size());
        this.histogram = new HsvHistogram(config.hueBins(), config.saturationBins(), config.valueBins());
        this.loader = new ImageLoader(config.maxPixels(), config.size());
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public Modality modality() {
        return Modality.IMAGE;
    }

    @Override
    public int dimension() {
        return histogram.size();
    }

    @Override
    public String fingerprint() {
        return "hsv-soft-hue-v1";
    }

    @Override
    public List<EncodingResult> encode(List<Item> items) {
        return ImageBatch.encode(items, loader, this::features, "color-histogram");
    }

    private float[] features(RgbaImage image) throws ImageLoadException {
        float[] h = histogram.compute(image);
        if (!Histograms.hellinger(h)) {
            throw ImageLoadException.transparent();
        }
        return h;
    }
}
