package dev.braid.plugin.image;

import static dev.braid.plugin.image.TestImages.argmax;
import static dev.braid.plugin.image.TestImages.dot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.data.Item;
import dev.braid.api.data.ItemContent;
import dev.braid.api.data.Media;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.EncodingResult.Failure;
import dev.braid.api.encoder.EncodingResult.FailureKind;
import dev.braid.api.encoder.EncodingResult.Success;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColorHistogramEncoderTest {
    @TempDir
    Path dir;

    private final ColorHistogramEncoder encoder = new ColorHistogramEncoder(ColorHistogramConfig.defaults());

    static Item item(String id, Media media) {
        return new Item(id, "", Map.of(), new ItemContent(null, media, null));
    }

    private float[] encode(Path file) {
        EncodingResult r = encoder.encode(List.of(item("x", Media.ofFile(file)))).get(0);
        assertThat(r).as("result for %s", file).isInstanceOf(Success.class);
        return ((Success) r).vector();
    }

    /** Bin of (hue bin, saturation bin, value bin) with the default 8 x 3 x 3 layout. */
    private static int bin(int hue, int sat, int val) {
        return (hue * 3 + sat) * 3 + val;
    }

    @Test
    void pureRedAndPureBlueGetDisjointHistogramsPeakingInTheirHueBins() {
        float[] red = encode(TestImages.write(TestImages.solid(40, 30, Color.RED, BufferedImage.TYPE_INT_RGB),
                "png", dir.resolve("red.png")));
        float[] blue = encode(TestImages.write(TestImages.solid(40, 30, Color.BLUE, BufferedImage.TYPE_INT_RGB),
                "png", dir.resolve("blue.png")));
        assertThat(red).hasSize(72);
        // Red (0 deg) is the centre of hue bin 0; full saturation and value fall in the top bins.
        assertThat(argmax(red)).isEqualTo(bin(0, 2, 2));
        assertThat(red[bin(0, 2, 2)]).isCloseTo(1f, Offset.offset(1e-6f));
        // Blue (240 deg) lies 1/3 of the way from the 225-deg centre (bin 5) to the 270-deg one (bin 6).
        assertThat(argmax(blue)).isEqualTo(bin(5, 2, 2));
        assertThat(blue[bin(5, 2, 2)]).isCloseTo((float) Math.sqrt(2.0 / 3), Offset.offset(1e-5f));
        assertThat(blue[bin(6, 2, 2)]).isCloseTo((float) Math.sqrt(1.0 / 3), Offset.offset(1e-5f));
        assertThat(dot(red, blue)).isZero();
        assertThat(dot(blue, blue)).isCloseTo(1.0, Offset.offset(1e-5));
    }

    @Test
    void nearbyHuesAcrossTheRedWrapAreSimilar() {
        float[] h10 = encode(TestImages.write(TestImages.solid(8, 8, Color.getHSBColor(10 / 360f, 1, 1),
                BufferedImage.TYPE_INT_RGB), "png", dir.resolve("h10.png")));
        float[] h350 = encode(TestImages.write(TestImages.solid(8, 8, Color.getHSBColor(350 / 360f, 1, 1),
                BufferedImage.TYPE_INT_RGB), "png", dir.resolve("h350.png")));
        float[] h120 = encode(TestImages.write(TestImages.solid(8, 8, Color.getHSBColor(120 / 360f, 1, 1),
                BufferedImage.TYPE_INT_RGB), "png", dir.resolve("h120.png")));
        // 10 deg: 7/9 in bin 0, 2/9 in bin 1; 350 deg: 7/9 in bin 0, 2/9 in bin 7. Bhattacharyya = 7/9.
        assertThat(dot(h10, h350)).isCloseTo(7.0 / 9, Offset.offset(0.02));
        assertThat(dot(h10, h120)).isZero();
    }

    @Test
    void everyFormatAndPixelLayoutDecodesToTheSameColour() {
        // A web-safe colour (channels multiples of 51), so the default GIF/indexed palette holds it exactly.
        Color green = new Color(51, 204, 51);
        float[] reference = encode(TestImages.write(TestImages.solid(50, 40, green, BufferedImage.TYPE_INT_RGB),
                "png", dir.resolve("g.png")));
        List<Path> files = List.of(
                TestImages.write(TestImages.solid(50, 40, green, BufferedImage.TYPE_3BYTE_BGR), "jpg", dir.resolve("g.jpg")),
                TestImages.write(TestImages.solid(50, 40, green, BufferedImage.TYPE_BYTE_INDEXED), "gif", dir.resolve("g.gif")),
                TestImages.write(TestImages.solid(50, 40, green, BufferedImage.TYPE_3BYTE_BGR), "bmp", dir.resolve("g.bmp")),
                TestImages.write(TestImages.solid(50, 40, green, BufferedImage.TYPE_BYTE_INDEXED), "png", dir.resolve("gp.png")),
                TestImages.write(TestImages.solid(50, 40, green, BufferedImage.TYPE_INT_ARGB), "png", dir.resolve("ga.png")),
                TestImages.write(TestImages.solid16(50, 40, green), "png", dir.resolve("g16.png")));
        for (Path f : files) {
            assertThat(dot(reference, encode(f))).as("similarity of %s", f.getFileName()).isGreaterThan(0.95);
        }
    }

    @Test
    void greyPngsKeepTheirGammaEncodedLevels() {
        // Sample 100/255 (8-bit) and 38550/65535 (16-bit, = 150/255): mostly value bin 1 (centre 0.5), no
        // chroma. Java's getRGB would treat the samples as linear and brighten them towards bin 2.
        BufferedImage g8 = new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage g16 = new BufferedImage(20, 20, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                g8.getRaster().setSample(x, y, 0, 100);
                g16.getRaster().setSample(x, y, 0, 38550);
            }
        }
        assertThat(argmax(encode(TestImages.write(g8, "png", dir.resolve("grey8.png"))))).isEqualTo(bin(0, 0, 1));
        assertThat(argmax(encode(TestImages.write(g16, "png", dir.resolve("grey16.png"))))).isEqualTo(bin(0, 0, 1));
    }

    @Test
    void transparentPixelsAreIgnoredAndAFullyTransparentImageFails() {
        BufferedImage half = new BufferedImage(20, 20, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                half.setRGB(x, y, x < 10 ? 0xffff0000 : 0x000000ff);
            }
        }
        float[] v = encode(TestImages.write(half, "png", dir.resolve("half.png")));
        assertThat(v[bin(0, 2, 2)]).isCloseTo(1f, Offset.offset(1e-6f));

        Path clear = TestImages.write(new BufferedImage(5, 5, BufferedImage.TYPE_INT_ARGB), "png", dir.resolve("clear.png"));
        EncodingResult r = encoder.encode(List.of(item("c", Media.ofFile(clear)))).get(0);
        assertThat(r).isInstanceOfSatisfying(Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.INVALID);
            assertThat(f.message()).contains("clear.png", "transparent");
        });
    }

    @Test
    void oneByOneImageWorks() {
        float[] v = encode(TestImages.write(TestImages.solid(1, 1, Color.YELLOW, BufferedImage.TYPE_INT_RGB), "png",
                dir.resolve("one.png")));
        // Yellow is 60 deg: between the 45-deg (bin 1, weight 2/3) and 90-deg (bin 2) centres.
        assertThat(argmax(v)).isEqualTo(bin(1, 2, 2));
    }

    @Test
    void badFilesFailWithFileAndReasonWhileTheBatchGoesOn() {
        Path good = TestImages.write(TestImages.solid(10, 10, Color.RED, BufferedImage.TYPE_INT_RGB), "png",
                dir.resolve("good.png"));
        Path garbage = TestImages.writeBytes(dir.resolve("garbage.png"), "this is not an image".getBytes());
        byte[] png = TestImages.bytes(TestImages.stripes(64, 64, Color.RED, Color.BLUE, 3, false), "png");
        Path truncated = TestImages.writeBytes(dir.resolve("truncated.png"), Arrays.copyOf(png, png.length / 2));
        Path huge = TestImages.writeBytes(dir.resolve("huge.png"), TestImages.pngHeaderOnly(100_000, 100_000));
        Path missing = dir.resolve("missing.png");

        List<EncodingResult> r = encoder.encode(List.of(
                item("garbage", Media.ofFile(garbage)), item("truncated", Media.ofFile(truncated)),
                item("huge", Media.ofFile(huge)), item("missing", Media.ofFile(missing)),
                new Item("none", "", Map.of(), ItemContent.EMPTY), item("good", Media.ofFile(good))));

        assertThat(r).extracting(EncodingResult::itemId)
                .containsExactly("garbage", "truncated", "huge", "missing", "none", "good");
        assertFailure(r.get(0), FailureKind.UNSUPPORTED, "garbage.png");
        assertFailure(r.get(1), FailureKind.INVALID, "truncated.png", "corrupt");
        assertFailure(r.get(2), FailureKind.INVALID, "huge.png", "100000x100000", "maxPixels");
        assertFailure(r.get(3), FailureKind.UNREADABLE, "missing.png", "not found");
        assertFailure(r.get(4), FailureKind.MISSING, "'none'");
        assertThat(r.get(5)).isInstanceOf(Success.class);
    }

    @Test
    void refusesByHeaderBeforeDecodingAndDecodesLargeImagesSubsampled() {
        ColorHistogramEncoder small = new ColorHistogramEncoder(new ColorHistogramConfig(8, 3, 3, 1_000, 128));
        Path img = TestImages.write(TestImages.solid(40, 40, Color.RED, BufferedImage.TYPE_INT_RGB), "png",
                dir.resolve("forty.png"));
        assertFailure(small.encode(List.of(item("a", Media.ofFile(img)))).get(0), FailureKind.INVALID,
                "forty.png", "40x40 = 1600 pixels");

        // A 3000 x 2000 two-colour image: decoded at a fraction of its size, still half red, half blue.
        BufferedImage big = TestImages.stripes(3000, 2000, Color.RED, Color.BLUE, 500, true);
        float[] v = encode(TestImages.write(big, "png", dir.resolve("big.png")));
        assertThat(v[bin(0, 2, 2)]).isCloseTo((float) Math.sqrt(0.5), Offset.offset(0.02f));
    }

    @Test
    void readsInMemoryBytes() {
        byte[] jpeg = TestImages.bytes(TestImages.solid(30, 30, Color.RED, BufferedImage.TYPE_3BYTE_BGR), "jpg");
        EncodingResult r = encoder.encode(List.of(item("m", Media.ofBytes("upload.jpg", jpeg)))).get(0);
        assertThat(r).isInstanceOfSatisfying(Success.class, s -> assertThat(argmax(s.vector())).isEqualTo(bin(0, 2, 2)));
        EncodingResult bad = encoder.encode(List.of(item("m", Media.ofBytes("upload.bin", new byte[10])))).get(0);
        assertFailure(bad, FailureKind.UNSUPPORTED, "upload.bin");
    }

    @Test
    void rejectsBadConfig() {
        assertThatThrownBy(() -> new ColorHistogramEncoder(new ColorHistogramConfig(1, 3, 3, 10, 128)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hueBins");
        assertThat(new ColorHistogramEncoder(new ColorHistogramConfig(12, 2, 2, 10, 64)).dimension()).isEqualTo(48);
    }

    static void assertFailure(EncodingResult r, FailureKind kind, String... inMessage) {
        assertThat(r).isInstanceOfSatisfying(Failure.class, f -> {
            assertThat(f.kind()).as(f.message()).isEqualTo(kind);
            assertThat(f.message()).contains(inMessage);
        });
    }
}
