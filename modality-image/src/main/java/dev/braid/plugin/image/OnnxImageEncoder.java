package dev.braid.plugin.image;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.Environment;
import dev.braid.api.component.SharedResources;
import dev.braid.api.data.Media;
import dev.braid.api.data.Modality;
import dev.braid.platform.media.DecodeException;
import dev.braid.platform.onnx.OnnxModel;
import dev.braid.platform.onnx.OnnxMediaEncoder;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
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
public final class OnnxImageEncoder extends OnnxMediaEncoder<BufferedImage> {
    private final OnnxImageConfig config;
    private final OnnxImageInput pre;
    private final boolean fixedBatchOfOne;

    public OnnxImageEncoder(OnnxImageConfig config, SharedResources resources, Environment environment) {
        super(Modality.IMAGE, OnnxModel.shared(resources, environment.resolve(config.model()), config.inputName(),
                config.outputName(), config.threads()), config.normalize());
        this.config = config;
        try {
            this.pre = new OnnxImageInput(config);
            Path file = model().file();
            long[] declared = model().inputShape();
            long[] wanted = pre.shape(1);
            if (declared.length != 4) {
                throw new IllegalArgumentException("model " + file + " input '" + model().inputName()
                        + "' has rank " + declared.length + " " + Arrays.toString(declared) + "; an image model "
                        + "takes [batch, ...] of rank 4");
            }
            for (int i = 1; i < 4; i++) {
                if (declared[i] > 0 && declared[i] != wanted[i]) {
                    throw new IllegalArgumentException("model " + file + " input '" + model().inputName()
                            + "' has shape " + Arrays.toString(declared) + " but the configuration gives "
                            + Arrays.toString(wanted) + " (" + config.layout() + ", " + config.width() + "x"
                            + config.height() + ")");
                }
            }
            this.fixedBatchOfOne = declared[0] == 1;
            probe(new BufferedImage(config.width(), config.height(), BufferedImage.TYPE_INT_RGB));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    protected BufferedImage decode(Media media) throws DecodeException {
        return pre.decode(media);
    }

    /** A model whose input fixes a batch of one is run image by image. */
    @Override
    protected int batchSize() {
        return fixedBatchOfOne ? 1 : config.batchSize();
    }

    @Override
    protected float[][] run(List<BufferedImage> images) {
        int n = images.size();
        int size = pre.size();
        float[] input = new float[n * size];
        for (int k = 0; k < n; k++) {
            pre.fill(images.get(k), input, k * size);
        }
        return model().run(input, pre.shape(n));
    }
}
