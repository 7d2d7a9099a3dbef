package dev.braid.plugin.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.braid.api.component.Environment;
import dev.braid.api.data.Item;
import dev.braid.api.data.ItemContent;
import dev.braid.api.data.Media;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.EncodingResult.FailureKind;
import dev.braid.testkit.InMemorySharedResources;
import dev.braid.testkit.Npy;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Runs the committed tiny-image.onnx (made by src/test/resources/onnx/make_models.py): global average pool, then
 * a 3x4 projection plus bias. For a solid colour the expected output is computed here from the weights in the .npy
 * files, independently of the encoder.
 */
class OnnxImageEncoderTest {
    private static final List<Double> MEAN = List.of(0.5, 0.4, 0.3);
    private static final List<Double> STD = List.of(0.2, 0.25, 0.5);

    private final Environment env = OnnxTestSupport.environment();

    private OnnxImageConfig config(String output, String resize, boolean normalize) {
        return new OnnxImageConfig("tiny-image.onnx", "", output, 8, 8, resize, "NCHW", 255, MEAN, STD, normalize,
                4, 10_000, 1);
    }

    @Test
    void solidColourGivesTheProjectionOfItsNormalisedMean() throws IOException {
        try (InMemorySharedResources res = new InMemorySharedResources();
             OnnxImageEncoder enc = new OnnxImageEncoder(config("embedding", "stretch", false), res, env)) {
            assertThat(enc.dimension()).isEqualTo(4);
            int[] rgb = {200, 100, 50};
            float[] v = ((EncodingResult.Success) enc.encode(List.of(item("x", png(40, 30, rgb)))).get(0)).vector();
            float[][] w = Npy.readMatrix(env.resolve("tiny-image-w.npy"));
            float[][] b = Npy.readMatrix(env.resolve("tiny-image-b.npy"));
            for (int j = 0; j < 4; j++) {
                double expected = b[j][0];
                for (int c = 0; c < 3; c++) {
                    expected += (rgb[c] / 255.0 - MEAN.get(c)) / STD.get(c) * w[c][j];
                }
                assertThat((double) v[j]).as("output %d", j).isCloseTo(expected, within(1e-4));
            }
        }
    }

    @Test
    void theConfiguredOutputIsRead() throws IOException {
        try (InMemorySharedResources res = new InMemorySharedResources();
             OnnxImageEncoder raw = new OnnxImageEncoder(config("embedding", "center-crop", false), res, env);
             OnnxImageEncoder relu = new OnnxImageEncoder(config("activated", "center-crop", false), res, env)) {
            Item item = item("x", png(9, 9, new int[] {10, 220, 90}));
            float[] a = ((EncodingResult.Success) raw.encode(List.of(item)).get(0)).vector();
            float[] r = ((EncodingResult.Success) relu.encode(List.of(item)).get(0)).vector();
            for (int j = 0; j < 4; j++) {
                assertThat(r[j]).isCloseTo(Math.max(0f, a[j]), within(1e-6f));
            }
            assertThat(res.held()).as("both encoders share one session per output").isEqualTo(2);
        }
    }

    @Test
    void badItemsFailAloneAndTinyImagesWork() throws IOException {
        try (InMemorySharedResources res = new InMemorySharedResources();
             OnnxImageEncoder enc = new OnnxImageEncoder(config("", "center-crop", true), res, env)) {
            List<Item> items = List.of(
                    item("ok", png(16, 16, new int[] {1, 2, 3})),
                    item("tiny", png(1, 1, new int[] {250, 0, 0})),
                    item("huge", png(200, 100, new int[] {0, 0, 0})),
                    item("text", "not an image".getBytes()),
                    new Item("missing-file", "", Map.of(), new ItemContent(null,
                            Media.ofFile(Path.of("/nonexistent/poster.png")), null)),
                    new Item("none", "", Map.of(), ItemContent.EMPTY));
            List<EncodingResult> r = enc.encode(items);
            assertThat(r).extracting(EncodingResult::itemId).containsExactly("ok", "tiny", "huge", "text",
                    "missing-file", "none");
            assertThat(r.get(0)).isInstanceOf(EncodingResult.Success.class);
            assertThat(r.get(1)).isInstanceOf(EncodingResult.Success.class);
            assertThat(kind(r.get(2))).isEqualTo(FailureKind.INVALID);
            assertThat(((EncodingResult.Failure) r.get(2)).message()).contains("maxPixels");
            assertThat(kind(r.get(3))).isEqualTo(FailureKind.UNSUPPORTED);
            assertThat(kind(r.get(4))).isEqualTo(FailureKind.UNREADABLE);
            assertThat(((EncodingResult.Failure) r.get(4)).message()).contains("/nonexistent/poster.png");
            assertThat(kind(r.get(5))).isEqualTo(FailureKind.MISSING);
        }
    }

    @Test
    void aWrongInputSizeOrOutputNameFailsAtConstructionNamingTheModel() {
        try (InMemorySharedResources res = new InMemorySharedResources()) {
            assertThatThrownBy(() -> new OnnxImageEncoder(new OnnxImageConfig("tiny-image.onnx", "", "", 224, 224,
                    "stretch", "NCHW", 255, MEAN, STD, true, 4, 10_000, 1), res, env))
                    .hasMessageContaining("tiny-image.onnx").hasMessageContaining("224");
            assertThatThrownBy(() -> new OnnxImageEncoder(config("logits", "stretch", true), res, env))
                    .hasMessageContaining("no output 'logits'").hasMessageContaining("embedding");
            assertThat(res.held()).isZero();
        }
    }

    private static FailureKind kind(EncodingResult r) {
        return ((EncodingResult.Failure) r).kind();
    }

    static Item item(String id, byte[] bytes) {
        return new Item(id, "", Map.of(), new ItemContent(null, Media.ofBytes(id + ".png", bytes), null));
    }

    static byte[] png(int w, int h, int[] rgb) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(rgb[0], rgb[1], rgb[2]));
        g.fillRect(0, 0, w, h);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
