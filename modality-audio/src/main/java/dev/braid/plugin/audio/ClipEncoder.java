package dev.braid.plugin.audio;

import dev.braid.api.data.Item;
import dev.braid.api.data.Media;
import dev.braid.api.data.Modality;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.EncodingResult.FailureKind;
import dev.braid.api.encoder.ModalityEncoder;
import dev.braid.platform.media.AudioDecoder;
import dev.braid.platform.media.DecodeException;
import dev.braid.platform.media.DecodedAudio;
import java.util.List;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An audio encoder: what the audio encoders share around their analysis is here, the checks of the frame settings
 * every analysis has, and the batch loop (in parallel, results in order) that decodes each item's clip, rejects an
 * empty one, and turns a failure into a result naming the item and the file, so one bad clip never stops the
 * others. Thread-safe when {@link #features} is.
 */
abstract class ClipEncoder implements ModalityEncoder {
    private static final Logger LOG = LoggerFactory.getLogger(ClipEncoder.class);

    private final String encoder;
    private final AudioDecoder decoder;

    /** @param encoder the component name, for messages */
    ClipEncoder(String encoder, double maxSeconds) {
        this.encoder = encoder;
        this.decoder = new AudioDecoder(maxSeconds);
    }

    /** The vector of a decoded clip with at least one sample. */
    abstract float[] features(DecodedAudio clip);

    @Override
    public final Modality modality() {
        return Modality.AUDIO;
    }

    /** @throws IllegalArgumentException when the rate, frame, hop or clip length settings do not fit together */
    static void checkFrames(int sampleRate, int frameSize, int hopSize, double maxSeconds) {
        check(sampleRate >= 4000, "sampleRate must be >= 4000 Hz, got " + sampleRate);
        check(frameSize >= 64 && frameSize % 2 == 0, "frameSize must be even and >= 64, got " + frameSize);
        check(hopSize >= 1 && hopSize <= frameSize,
                "hopSize must be between 1 and frameSize (" + frameSize + "), got " + hopSize);
        check(maxSeconds > 0, "maxSeconds must be > 0, got " + maxSeconds);
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public final List<EncodingResult> encode(List<Item> items) {
        IntStream indices = IntStream.range(0, items.size());
        if (items.size() > 1) {
            indices = indices.parallel();
        }
        return indices.mapToObj(i -> encodeOne(items.get(i))).toList();
    }

    private EncodingResult encodeOne(Item item) {
        Media media = item.content().audio();
        if (media == null) {
            return EncodingResult.failure(item.id(), FailureKind.MISSING, "item '" + item.id() + "' has no audio");
        }
        try {
            DecodedAudio clip = decoder.decode(media);
            if (clip.samples().length == 0) {
                return EncodingResult.failure(item.id(), FailureKind.INVALID, media.name()
                        + ": audio has no samples");
            }
            return EncodingResult.success(item.id(), features(clip));
        } catch (DecodeException e) {
            LOG.debug("{}: item '{}': {}", encoder, item.id(), e.getMessage());
            return EncodingResult.failure(item.id(), e.kind(), e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.warn("{}: item '{}' ({}) failed", encoder, item.id(), media.name(), e);
            return EncodingResult.failure(item.id(), FailureKind.ERROR, media.name() + ": " + encoder + " failed ("
                    + e + ")");
        }
    }
}
