package dev.braid.platform.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.data.Media;
import dev.braid.api.encoder.EncodingResult.FailureKind;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image decoder: JPEG variants (CMYK, progressive, EXIF orientation), 16-bit and grey PNG, limits, bad files. */
class ImageDecoderTest {

    private static DecodedImage load(byte[] data) throws DecodeException {
        return new ImageDecoder(40_000_000L, 128).decode(Media.ofBytes("test.jpg", data));
    }

    /** Left half red, right half blue. */
    private static BufferedImage halves(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, w / 2, h);
        g.setColor(Color.BLUE);
        g.fillRect(w / 2, 0, w - w / 2, h);
        g.dispose();
        return img;
    }

    private static byte[] jpeg(BufferedImage img, boolean progressive) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            w.setOutput(ios);
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.95f);
            if (progressive) {
                p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            w.write(null, new IIOImage(img, null, null), p);
        } finally {
            w.dispose();
        }
        return out.toByteArray();
    }

    /** {@code jpeg} with one more segment ({@code marker}, {@code data}) right after SOI. */
    static byte[] withSegment(byte[] jpeg, int marker, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int len = data.length + 2;
        out.write(0xff);
        out.write(marker);
        out.write(len >> 8);
        out.write(len & 0xff);
        out.write(data, 0, data.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A JPEG with an EXIF APP1 segment (little-endian TIFF, one IFD entry: Orientation) after SOI. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] exif = new byte[6 + tiff.capacity()];
        System.arraycopy("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, exif, 0, 6);
        System.arraycopy(tiff.array(), 0, exif, 6, tiff.capacity());
        return withSegment(jpeg, 0xe1, exif);
    }

    private static int red(DecodedImage img, int x, int y) {
        return (img.argb()[y * img.width() + x] >> 16) & 0xff;
    }

    private static int blue(DecodedImage img, int x, int y) {
        return img.argb()[y * img.width() + x] & 0xff;
    }

    @Test
    void exifOrientationTurnsTheImageUpright() throws Exception {
        byte[] plain = jpeg(halves(64, 32), false);
        DecodedImage asStored = load(withExifOrientation(plain, 1));
        assertThat(asStored.width()).isEqualTo(64);
        assertThat(red(asStored, 5, 16)).isGreaterThan(200);
        // 6: rotate 90 clockwise, the left (red) half goes on top.
        DecodedImage cw = load(withExifOrientation(plain, 6));
        assertThat(cw.width()).isEqualTo(32);
        assertThat(cw.height()).isEqualTo(64);
        assertThat(red(cw, 16, 5)).isGreaterThan(200);
        assertThat(blue(cw, 16, 58)).isGreaterThan(200);
        // 8: rotate 90 counter-clockwise, red goes to the bottom.
        DecodedImage ccw = load(withExifOrientation(plain, 8));
        assertThat(blue(ccw, 16, 5)).isGreaterThan(200);
        assertThat(red(ccw, 16, 58)).isGreaterThan(200);
        // 2: mirrored, blue on the left.
        DecodedImage mirrored = load(withExifOrientation(plain, 2));
        assertThat(mirrored.width()).isEqualTo(64);
        assertThat(blue(mirrored, 5, 16)).isGreaterThan(200);
        // A damaged EXIF block (garbage instead of TIFF) is ignored, the image still loads as stored.
        byte[] damaged = withExifOrientation(plain, 6);
        for (int i = 12; i < 20; i++) {
            damaged[i] = (byte) 0xee;
        }
        DecodedImage d = load(damaged);
        assertThat(d.width()).isEqualTo(64);
    }

    @Test
    void orientationsMapPixelsLikeTheirDefinition() {
        // 2x1 image: pixel A at (0,0), B at (1,0).
        DecodedImage img = new DecodedImage(2, 1, new int[] {1, 2});
        assertThat(JpegSupport.orient(img, 3).argb()).containsExactly(2, 1);
        DecodedImage t = JpegSupport.orient(img, 5);
        assertThat(t.width()).isEqualTo(1);
        assertThat(t.argb()).containsExactly(1, 2);
        assertThat(JpegSupport.orient(img, 6).argb()).containsExactly(1, 2);
        assertThat(JpegSupport.orient(img, 7).argb()).containsExactly(2, 1);
        assertThat(JpegSupport.orient(img, 8).argb()).containsExactly(2, 1);
        assertThat(JpegSupport.orient(img, 4).argb()).containsExactly(1, 2);
    }

    @Test
    void progressiveJpegDecodes() throws Exception {
        byte[] progressive = jpeg(halves(300, 200), true);
        DecodedImage img = load(progressive);
        assertThat(img.width()).isEqualTo(128);
        assertThat(red(img, 10, 40)).isGreaterThan(200);
        assertThat(blue(img, 118, 40)).isGreaterThan(200);
    }

    @Test
    void cmykJpegDecodesWhereTheJdkReaderCannot() throws Exception {
        // A 4-channel raster written by the JDK's writer is stored as an Adobe CMYK JPEG.
        WritableRaster cmyk = java.awt.image.Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 64,
                64, 4, null);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                // Left: magenta + yellow = red; right: cyan + magenta = blue (Adobe stores CMYK inverted).
                boolean left = x < 32;
                cmyk.setPixel(x, y, new int[] {left ? 255 : 0, 0, left ? 0 : 255, 255});
            }
        }
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            w.setOutput(ios);
            w.write(null, new IIOImage(cmyk, null, null), w.getDefaultWriteParam());
        } finally {
            w.dispose();
        }
        // The JDK's writer adds no marker; an Adobe APP14 segment (transform 0 = CMYK, as Photoshop writes)
        // makes it a CMYK JPEG that readers take as inverted CMYK.
        byte[] data = withSegment(out.toByteArray(), 0xee, new byte[] {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0,
                0, 0});
        DecodedImage img = load(data);
        assertThat(img.width()).isEqualTo(64);
        int left = img.argb()[32 * 64 + 5];
        int right = img.argb()[32 * 64 + 58];
        assertThat(new int[] {(left >> 16) & 0xff, (left >> 8) & 0xff, left & 0xff}).as("left %08x", left)
                .satisfies(c -> assertThat(c[0]).isGreaterThan(150), c -> assertThat(c[1]).isLessThan(100),
                        c -> assertThat(c[2]).isLessThan(100));
        assertThat(new int[] {(right >> 16) & 0xff, (right >> 8) & 0xff, right & 0xff}).as("right %08x", right)
                .satisfies(c -> assertThat(c[2]).isGreaterThan(100), c -> assertThat(c[0]).isLessThan(c[2]),
                        c -> assertThat(c[1]).isLessThan(c[2]));
    }

    private static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @Test
    void sixteenBitAndGreyPngsKeepTheirGammaEncodedLevels() throws Exception {
        // 38550/65535 = 150/255 and 100/255: Java's getRGB would treat grey samples as linear and brighten them.
        BufferedImage g16 = new BufferedImage(20, 10, BufferedImage.TYPE_USHORT_GRAY);
        BufferedImage g8 = new BufferedImage(20, 10, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                g16.getRaster().setSample(x, y, 0, 38550);
                g8.getRaster().setSample(x, y, 0, 100);
            }
        }
        DecodedImage d16 = load(png(g16));
        assertThat(d16.width()).isEqualTo(20);
        assertThat(d16.height()).isEqualTo(10);
        assertThat(d16.argb()).containsOnly(0xff969696);
        assertThat(load(png(g8)).argb()).containsOnly(0xff646464);
    }

    @Test
    void largeImagesAreDownscaledAndImagesAboveThePixelLimitRefusedByTheirHeader() throws Exception {
        byte[] data = png(halves(400, 200));
        DecodedImage small = new ImageDecoder(1_000_000L, 100).decode(Media.ofBytes("big.png", data));
        assertThat(small.width()).isEqualTo(100);
        assertThat(small.height()).isEqualTo(50);
        assertThat(new ImageDecoder(1_000_000L, Integer.MAX_VALUE).decode(Media.ofBytes("big.png", data)).width())
                .isEqualTo(400);
        assertThatThrownBy(() -> new ImageDecoder(79_999L, 100).decode(Media.ofBytes("big.png", data)))
                .isInstanceOfSatisfying(DecodeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.INVALID);
                    assertThat(e.getMessage()).contains("big.png", "400x200", "maxPixels");
                });
    }

    @Test
    void aTruncatedFileIsAnErrorNamingTheFile(@TempDir Path dir) throws Exception {
        byte[] full = jpeg(halves(300, 200), false);
        Path cut = dir.resolve("cut.jpg");
        Files.write(cut, java.util.Arrays.copyOf(full, full.length / 3));
        assertThatThrownBy(() -> new ImageDecoder(40_000_000L, 128).decode(Media.ofFile(cut)))
                .isInstanceOfSatisfying(DecodeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.INVALID);
                    assertThat(e.getMessage()).contains(cut.toString(), "truncated");
                });
        byte[] pngBytes = png(halves(300, 200));
        Path cutPng = dir.resolve("cut.png");
        Files.write(cutPng, java.util.Arrays.copyOf(pngBytes, pngBytes.length / 2));
        assertThatThrownBy(() -> new ImageDecoder(40_000_000L, 128).decode(Media.ofFile(cutPng)))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.getMessage()).contains("cut.png"));
    }

    @Test
    void missingFilesAndUnknownFormatsAreErrorsNamingTheFile(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.png");
        assertThatThrownBy(() -> new ImageDecoder(40_000_000L, 128).decode(Media.ofFile(missing)))
                .isInstanceOfSatisfying(DecodeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.UNREADABLE);
                    assertThat(e.getMessage()).contains("missing.png", "not found");
                });
        assertThatThrownBy(() -> new ImageDecoder(40_000_000L, 128).decode(Media.ofBytes("notes.txt",
                "not an image".getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(DecodeException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.UNSUPPORTED);
                    assertThat(e.getMessage()).contains("notes.txt");
                });
    }

    @Test
    void aSourceRegionDecodesOnlyThatPart() throws Exception {
        DecodedImage right = new ImageDecoder(40_000_000L, 128).decode(Media.ofBytes("h.png", png(halves(64, 32))),
                (w, h) -> new int[] {w / 2, 0, w / 2, h});
        assertThat(right.width()).isEqualTo(32);
        for (int p : right.argb()) {
            assertThat(p & 0xffffff).isEqualTo(0x0000ff);
        }
    }
}
