package dev.braid.plugin.image;

import static dev.braid.plugin.image.ColorHistogramEncoderTest.assertFailure;
import static dev.braid.plugin.image.ColorHistogramEncoderTest.item;
import static dev.braid.plugin.image.TestImages.dot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.data.Item;
import dev.braid.api.data.Media;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.EncodingResult.FailureKind;
import dev.braid.api.encoder.EncodingResult.Success;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandcraftedImageEncoderTest {
    @TempDir
    Path dir;

    private final HandcraftedImageEncoder encoder = new HandcraftedImageEncoder(HandcraftedImageConfig.defaults());

    private float[] encode(BufferedImage img, String name) {
        Path f = TestImages.write(img, "png", dir.resolve(name + ".png"));
        EncodingResult r = encoder.encode(List.of(item(name, Media.ofFile(f)))).get(0);
        assertThat(r).isInstanceOf(Success.class);
        return ((Success) r).vector();
    }

    @Test
    void hasTheDocumentedLayoutAndUnitNorm() {
        assertThat(encoder.dimension()).isEqualTo(72 + 59 + 128);
        float[] v = encode(TestImages.checker(120, 90, Color.RED, Color.WHITE, 6), "c");
        assertThat(v).hasSize(259);
        assertThat(dot(v, v)).isCloseTo(1.0, Offset.offset(1e-5));
    }

    @Test
    void hueDominatesPattern() {
        Color red = new Color(220, 30, 30);
        Color darkRed = new Color(110, 15, 15);
        Color blue = new Color(30, 30, 220);
        Color darkBlue = new Color(15, 15, 110);
        float[] redStripes = encode(TestImages.stripes(150, 100, red, darkRed, 5, false), "rs");
        float[] redChecker = encode(TestImages.checker(150, 100, red, darkRed, 9), "rc");
        float[] blueStripes = encode(TestImages.stripes(150, 100, blue, darkBlue, 5, false), "bs");
        assertThat(dot(redStripes, redChecker)).isGreaterThan(dot(redStripes, blueStripes) + 0.2);
    }

    @Test
    void patternStillSeparatesImagesOfOneColour() {
        float[] horizontal = encode(TestImages.stripes(128, 128, Color.RED, Color.BLACK, 4, false), "h");
        float[] horizontal2 = encode(TestImages.stripes(128, 128, Color.RED, Color.BLACK, 4, false), "h2");
        float[] vertical = encode(TestImages.stripes(128, 128, Color.RED, Color.BLACK, 4, true), "v");
        assertThat(dot(horizontal, horizontal2)).isCloseTo(1.0, Offset.offset(1e-6));
        // Same colours and texture; the edge orientations differ by 90 degrees.
        assertThat(dot(horizontal, vertical)).isLessThan(0.9);
    }

    @Test
    void tinyAndFlatImagesStillEncode() {
        float[] one = encode(TestImages.solid(1, 1, Color.GREEN, BufferedImage.TYPE_INT_RGB), "one");
        float[] flat = encode(TestImages.solid(64, 64, Color.GREEN, BufferedImage.TYPE_INT_RGB), "flat");
        assertThat(dot(one, one)).isCloseTo(1.0, Offset.offset(1e-5));
        assertThat(dot(flat, flat)).isCloseTo(1.0, Offset.offset(1e-5));
        // Layout block of a flat image is empty.
        for (int i = 72 + 59; i < 259; i++) {
            assertThat(flat[i]).isZero();
        }
    }

    @Test
    void lbpOfAFlatImageIsOneUniformPattern() {
        float[] gray = new float[5 * 4];
        java.util.Arrays.fill(gray, 100f);
        float[] h = LbpHistogram.compute(gray, 5, 4);
        assertThat(h).hasSize(59);
        float max = 0;
        float sum = 0;
        for (float x : h) {
            max = Math.max(max, x);
            sum += x;
        }
        assertThat(sum).isEqualTo(3 * 2);
        assertThat(max).isEqualTo(3 * 2);
        assertThat(LbpHistogram.transitions(0b00001111)).isEqualTo(2);
        assertThat(LbpHistogram.transitions(0b01010101)).isEqualTo(8);
    }

    @Test
    void rejectsBadConfigAndReportsBadFiles() {
        assertThatThrownBy(() -> new HandcraftedImageEncoder(
                new HandcraftedImageConfig(8, 3, 3, 4, 8, 0, 0, 0, 1000, 128)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colorWeight");
        Path garbage = TestImages.writeBytes(dir.resolve("junk.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, 3});
        assertFailure(encoder.encode(List.of(item("j", Media.ofFile(garbage)))).get(0), FailureKind.INVALID, "junk.jpg");
    }

    @Test
    void encodesABatchOfPosterSizedJpegs() {
        // Speed is measured by the PosterBench command (docs/media-encoders.md), never asserted in a test.
        List<Item> items = new ArrayList<>();
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < 12; i++) {
            BufferedImage img = TestImages.checker(300, 450, Color.getHSBColor(rnd.nextFloat(), 0.8f, 0.9f),
                    Color.getHSBColor(rnd.nextFloat(), 0.5f, 0.4f), 5 + rnd.nextInt(20));
            items.add(item("p" + i, Media.ofBytes("p" + i + ".jpg", TestImages.bytes(toBgr(img), "jpg"))));
        }
        List<EncodingResult> results = encoder.encode(items);
        assertThat(results).hasSize(12).allMatch(r -> r instanceof Success);
        assertThat(results).extracting(EncodingResult::itemId).containsExactlyElementsOf(
                items.stream().map(Item::id).toList());
    }

    private static BufferedImage toBgr(BufferedImage img) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        out.getGraphics().drawImage(img, 0, 0, null);
        return out;
    }
}
