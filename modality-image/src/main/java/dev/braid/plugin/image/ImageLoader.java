package dev.braid.plugin.image;

import dev.braid.api.data.Media;
import dev.braid.platform.media.DecodeException;
import dev.braid.platform.media.DecodedImage;
import dev.braid.platform.media.ImageDecoder;

/**
 * Loads an item's image for the image encoders: the platform's {@link ImageDecoder} (pixel limit, EXIF orientation,
 * CMYK JPEG, 16-bit and grey images; a bad file fails the same way in every encoder), with this module's
 * {@link ImagePreprocessing} (the crop as the decoder's source region, then the contrast normalisation).
 * Thread-safe (stateless).
 */
final class ImageLoader {
    private final ImageDecoder decoder;
    private final ImagePreprocessing preprocessing;

    ImageLoader(long maxPixels, int targetSize) {
        this(maxPixels, targetSize, ImagePreprocessing.NONE);
    }

    ImageLoader(long maxPixels, int targetSize, ImagePreprocessing preprocessing) {
        this.decoder = new ImageDecoder(maxPixels, targetSize);
        this.preprocessing = preprocessing;
    }

    RgbaImage load(Media media) throws ImageLoadException {
        try {
            DecodedImage d = decoder.decode(media, preprocessing.crops() ? preprocessing::region : null);
            return preprocessing.adjust(new RgbaImage(d.width(), d.height(), d.argb()));
        } catch (DecodeException e) {
            throw new ImageLoadException(e.kind(), e.getMessage(), e);
        }
    }
}
