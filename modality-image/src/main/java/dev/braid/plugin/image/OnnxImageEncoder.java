package dev.braid.plugin.image;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.Environment;
import dev.braid.api.component.SharedResources;
import dev.braid.api.data.Item;
import dev.braid.api.data.Media;
import dev.braid.api.data.Modality;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.EncodingResult.FailureKind;
import dev.braid.api.encoder.ModalityEncoder;
import dev.braid.platform.media.DecodeException;
import dev.braid.platform.onnx.OnnxModel;
import dev.braid.platform.onnx.Vectors;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Image vectors from an ONNX vision model the user supplies (ResNet, MobileNet, a CLIP visual tower): images are
 * decoded, resized ({@code stretch} or {@code center-crop}) to {@code width x height}, scaled, normalised with
 * per-channel mean and std, laid out NCHW or NHWC, run in batches, and the chosen output is flattened into the
 * vector (optionally L2-normalised). The model's dimension is found by running it once on a blank image at
 * construction, so a wrong input size or layout fails there, naming the model.
 *
 * <p>Images are decoded by the platform's {@link dev.braid.platform.media.ImageDecoder}, like every image encoder's
 * (EXIF orientation, CMYK JPEG, 16-bit and grey images). Per item: no image is MISSING; an unreadable file
 * UNREADABLE; a format the decoder cannot read UNSUPPORTED; an image larger than {@code maxPixels} (checked from its
 * header, before decoding), without pixels, or truncated INVALID. A 1x1
 * image is simply scaled up.
 */
@BraidComponent(name = "onnx-image", config = OnnxImageConfig.class, modality = Modality.IMAGE,
        description = "image vectors from a user-supplied ONNX vision model (size, mean/std, layout, output)")
public final class OnnxImageEncoder implements ModalityEncoder {
    private final OnnxImageConfig config;
    private final OnnxImageInput pre;
    private final SharedResources.Lease<OnnxModel> lease;
    private final String fingerprint;
    private final int dimension;
    private final boolean fixedBatchOfOne;

    public OnnxImageEncoder(OnnxImageConfig config, SharedResources resources, Environment environment) {
        this.config = config;
        this.pre = new OnnxImageInput(config);
        Path file = environment.resolve(config.model());
        this.lease = OnnxModel.shared(resources, file, config.inputName(), config.outputName(), config.threads());
        try {
            long[] declared = lease.get().inputShape();
            long[] wanted = pre.shape(1);
            if (declared.length != 4) {
                throw new IllegalArgumentException("model " + file + " input '" + lease.get().inputName()
                        + "' has rank " + declared.length + " " + Arrays.toString(declared) + "; an image model "
                        + "takes [batch, ...] of rank 4");
            }
            for (int i = 1; i < 4; i++) {
                if (declared[i] > 0 && declared[i] != wanted[i]) {
                    throw new IllegalArgumentException("model " + file + " input '" + lease.get().inputName()
                            + "' has shape " + Arrays.toString(declared) + " but the configuration gives "
                            + Arrays.toString(wanted) + " (" + config.layout() + ", " + config.width() + "x"
                            + config.height() + ")");
                }
            }
            this.fixedBatchOfOne = declared[0] == 1;
            this.dimension = lease.get().run(new float[pre.size()], wanted)[0].length;
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
        this.fingerprint = lease.get().fileSha256() + ":" + lease.get().outputName();
    }

    @Override
    public Modality modality() {
        return Modality.IMAGE;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public List<EncodingResult> encode(List<Item> items) {
        EncodingResult[] results = new EncodingResult[items.size()];
        int step = fixedBatchOfOne ? 1 : config.batchSize();
        List<Integer> pending = new ArrayList<>();
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            Media media = item.content().image();
            if (media == null) {
                results[i] = EncodingResult.failure(item.id(), FailureKind.MISSING, "item has no image");
                continue;
            }
            try {
                images.add(pre.decode(media));
                pending.add(i);
            } catch (DecodeException e) {
                results[i] = EncodingResult.failure(item.id(), e.kind(), e.getMessage());
            } catch (RuntimeException e) {
                results[i] = EncodingResult.failure(item.id(), FailureKind.INVALID, media.name() + ": "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
            if (images.size() == step) {
                flush(items, pending, images, results);
            }
        }
        flush(items, pending, images, results);
        return Arrays.asList(results);
    }

    private void flush(List<Item> items, List<Integer> pending, List<BufferedImage> images,
                       EncodingResult[] results) {
        if (pending.isEmpty()) {
            return;
        }
        int n = pending.size();
        int size = pre.size();
        float[] input = new float[n * size];
        for (int k = 0; k < n; k++) {
            pre.fill(images.get(k), input, k * size);
        }
        try {
            float[][] out = lease.get().run(input, pre.shape(n));
            for (int k = 0; k < n; k++) {
                results[pending.get(k)] = EncodingResult.success(items.get(pending.get(k)).id(),
                        config.normalize() ? Vectors.l2Normalize(out[k]) : out[k]);
            }
        } catch (RuntimeException e) {
            for (int k = 0; k < n; k++) {
                Item item = items.get(pending.get(k));
                results[pending.get(k)] = EncodingResult.failure(item.id(), FailureKind.ERROR,
                        item.content().image().name() + ": " + e.getMessage());
            }
        }
        pending.clear();
        images.clear();
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public void close() {
        lease.close();
    }
}
