package dev.braid.plugin.image;

import dev.braid.api.data.Item;
import dev.braid.api.data.Media;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.EncodingResult.FailureKind;
import java.util.List;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes a batch of images with a per-image feature function: loads each image, maps load problems and
 * unexpected errors to the item's failure, and runs items in parallel (common fork-join pool) while keeping
 * results in input order.
 */
final class ImageBatch {
    private static final Logger LOG = LoggerFactory.getLogger(ImageBatch.class);

    /** The image features of one loaded image. */
    @FunctionalInterface
    interface Features {
        /** @throws ImageLoadException when the image has nothing to describe (the message need not name it) */
        float[] of(RgbaImage image) throws ImageLoadException;
    }

    private ImageBatch() {
    }

    static List<EncodingResult> encode(List<Item> items, ImageLoader loader, Features features, String encoder) {
        IntStream indices = IntStream.range(0, items.size());
        if (items.size() > 1) {
            indices = indices.parallel();
        }
        return indices.mapToObj(i -> encodeOne(items.get(i), loader, features, encoder)).toList();
    }

    private static EncodingResult encodeOne(Item item, ImageLoader loader, Features features, String encoder) {
        Media media = item.content().image();
        if (media == null) {
            return EncodingResult.failure(item.id(), FailureKind.MISSING, "item '" + item.id() + "' has no image");
        }
        try {
            RgbaImage image = loader.load(media);
            float[] v;
            try {
                v = features.of(image);
            } catch (ImageLoadException e) {
                return EncodingResult.failure(item.id(), e.kind(), media.name() + ": " + e.getMessage());
            }
            return EncodingResult.success(item.id(), v);
        } catch (ImageLoadException e) {
            LOG.debug("{}: item '{}': {}", encoder, item.id(), e.getMessage());
            return EncodingResult.failure(item.id(), e.kind(), e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            // A decoder bug or an image that still does not fit must not sink the batch.
            LOG.warn("{}: item '{}' ({}) failed", encoder, item.id(), media.name(), e);
            return EncodingResult.failure(item.id(), FailureKind.ERROR, media.name() + ": " + encoder
                    + " failed (" + e + ")");
        }
    }
}
