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

    /** Something computed from one loaded image (for encoders whose work goes on after it, in batches). */
    @FunctionalInterface
    interface Preparation<T> {
        /** @throws ImageLoadException when the image has nothing to describe (the message need not name it) */
        T of(RgbaImage image) throws ImageLoadException;
    }

    /** Per item: the prepared value, or why there is none. */
    record Outcome<T>(T value, EncodingResult.Failure failure) {
    }

    static List<EncodingResult> encode(List<Item> items, ImageLoader loader, Features features, String encoder) {
        List<Outcome<float[]>> outcomes = prepare(items, loader, features::of, encoder);
        return IntStream.range(0, items.size())
                .mapToObj(i -> outcomes.get(i).failure() != null ? (EncodingResult) outcomes.get(i).failure()
                        : EncodingResult.success(items.get(i).id(), outcomes.get(i).value()))
                .toList();
    }

    /**
     * Loads every image and applies {@code preparation}, in parallel on the current fork-join pool, results in
     * input order.
     */
    static <T> List<Outcome<T>> prepare(List<Item> items, ImageLoader loader, Preparation<T> preparation,
                                        String encoder) {
        IntStream indices = IntStream.range(0, items.size());
        if (items.size() > 1) {
            indices = indices.parallel();
        }
        return indices.mapToObj(i -> prepareOne(items.get(i), loader, preparation, encoder)).toList();
    }

    private static <T> Outcome<T> failure(Item item, FailureKind kind, String message) {
        return new Outcome<>(null, new EncodingResult.Failure(item.id(), kind, message));
    }

    private static <T> Outcome<T> prepareOne(Item item, ImageLoader loader, Preparation<T> preparation,
                                             String encoder) {
        Media media = item.content().image();
        if (media == null) {
            return failure(item, FailureKind.MISSING, "item '" + item.id() + "' has no image");
        }
        try {
            RgbaImage image = loader.load(media);
            T v;
            try {
                v = preparation.of(image);
            } catch (ImageLoadException e) {
                return failure(item, e.kind(), media.name() + ": " + e.getMessage());
            }
            return new Outcome<>(v, null);
        } catch (ImageLoadException e) {
            LOG.debug("{}: item '{}': {}", encoder, item.id(), e.getMessage());
            return failure(item, e.kind(), e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            // A decoder bug or an image that still does not fit must not sink the batch.
            LOG.warn("{}: item '{}' ({}) failed", encoder, item.id(), media.name(), e);
            return failure(item, FailureKind.ERROR, media.name() + ": " + encoder + " failed (" + e + ")");
        }
    }
}
