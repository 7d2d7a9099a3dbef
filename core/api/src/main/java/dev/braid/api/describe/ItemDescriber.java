package dev.braid.api.describe;

import dev.braid.api.data.Item;
import dev.braid.api.data.Modality;
import java.util.List;
import java.util.Set;

/**
 * Derives a short text description of an item from its other media (an image, an audio clip), before the text
 * encoder runs. The runtime decides which items need one (the configured {@link DescriptionMode}), passes them in
 * batches, and joins each description to the item's text; the text encoder then encodes the joined text. A bad
 * input never fails the batch: it gives its item a {@link DescriptionResult.Failure}, the item keeps its original
 * text and the others go on. {@link #describe} must be safe to call from several threads.
 *
 * <p>A describer that captions images with a fixed rule, as a worked example:
 *
 * <pre>{@code
 * @BraidComponent(name = "image-size", config = NoConfig.class, description = "describes an image by its size")
 * public final class ImageSizeDescriber implements ItemDescriber {
 *     public ImageSizeDescriber(NoConfig config) {
 *     }
 *
 *     public Set<Modality> reads() {
 *         return Set.of(Modality.IMAGE);
 *     }
 *
 *     public List<DescriptionResult> describe(List<Item> items) {
 *         List<DescriptionResult> out = new ArrayList<>();
 *         for (Item item : items) {
 *             Media image = item.content().image();
 *             if (image == null) {
 *                 out.add(DescriptionResult.failure(item.id(), FailureKind.MISSING, "no image"));
 *                 continue;
 *             }
 *             try {
 *                 out.add(DescriptionResult.success(item.id(), "An image of " + image.readAllBytes().length
 *                         + " bytes.", false));
 *             } catch (IOException e) {
 *                 out.add(DescriptionResult.failure(item.id(), FailureKind.UNREADABLE, image.name() + ": "
 *                         + e.getMessage()));
 *             }
 *         }
 *         return out;
 *     }
 * }
 * }</pre>
 *
 * configured as {@code describe: {name: image-size, mode: append}}: every item with an image gets
 * {@code "<its text>\n\nAn image of 52311 bytes."} as the text its text encoder reads.
 */
public interface ItemDescriber extends AutoCloseable {

    /** The modalities it describes from: an item with none of them is skipped without a call. */
    Set<Modality> reads();

    /** Describes a batch: one result per item, in order. */
    List<DescriptionResult> describe(List<Item> items);

    /**
     * What identifies the describer's output beyond its name and configuration (e.g. a model's version); part of
     * the identity of the text derived from it. Empty by default.
     */
    default String fingerprint() {
        return "";
    }

    /** Releases what the describer holds (HTTP clients, models). The default does nothing. */
    @Override
    default void close() {
    }
}
