package dev.braid.plugin.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braid.api.data.Media;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

/** JPEG variants (CMYK, progressive, EXIF orientation) and the loader's crop and contrast preprocessing. */
class JpegLoadingTest {

    private static RgbaImage load(byte[] data, ImagePreprocessing pre) throws ImageLoadException {
        return new ImageLoader(40_000_000L, 128, pre).load(Media.ofBytes("test.jpg", data));
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

    private static int red(RgbaImage img, int x, int y) {
        return (img.argb()[y * img.width() + x] >> 16) & 0xff;
    }

    private static int blue(RgbaImage img, int x, int y) {
        return img.argb()[y * img.width() + x] & 0xff;
    }

    @Test
    void exifOrientationTurnsTheImageUpright() throws Exception {
        byte[] plain = jpeg(halves(64, 32), false);
        RgbaImage asStored = load(withExifOrientation(plain, 1), ImagePreprocessing.NONE);
        assertThat(asStored.width()).isEqualTo(64);
        assertThat(red(asStored, 5, 16)).isGreaterThan(200);
        // 6: rotate 90 clockwise, the left (red) half goes on top.
        RgbaImage cw = load(withExifOrientation(plain, 6), ImagePreprocessing.NONE);
        assertThat(cw.width()).isEqualTo(32);
        assertThat(cw.height()).isEqualTo(64);
        assertThat(red(cw, 16, 5)).isGreaterThan(200);
        assertThat(blue(cw, 16, 58)).isGreaterThan(200);
        // 8: rotate 90 counter-clockwise, red goes to the bottom.
        RgbaImage ccw = load(withExifOrientation(plain, 8), ImagePreprocessing.NONE);
        assertThat(blue(ccw, 16, 5)).isGreaterThan(200);
        assertThat(red(ccw, 16, 58)).isGreaterThan(200);
        // 2: mirrored, blue on the left.
        RgbaImage mirrored = load(withExifOrientation(plain, 2), ImagePreprocessing.NONE);
        assertThat(mirrored.width()).isEqualTo(64);
        assertThat(blue(mirrored, 5, 16)).isGreaterThan(200);
        // A damaged EXIF block (garbage instead of TIFF) is ignored, the image still loads as stored.
        byte[] damaged = withExifOrientation(plain, 6);
        for (int i = 12; i < 20; i++) {
            damaged[i] = (byte) 0xee;
        }
        RgbaImage d = load(damaged, ImagePreprocessing.NONE);
        assertThat(d.width()).isEqualTo(64);
    }

    @Test
    void orientationsMapPixelsLikeTheirDefinition() {
        // 2x1 image: pixel A at (0,0), B at (1,0).
        RgbaImage img = new RgbaImage(2, 1, new int[] {1, 2});
        assertThat(JpegSupport.orient(img, 3).argb()).containsExactly(2, 1);
        RgbaImage t = JpegSupport.orient(img, 5);
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
        RgbaImage img = load(progressive, ImagePreprocessing.NONE);
        assertThat(img.width()).isEqualTo(128);
        assertThat(red(img, 10, 40)).isGreaterThan(200);
        assertThat(blue(img, 118, 40)).isGreaterThan(200);
    }

    @Test
    void cmykJpegDecodesWhereTheJdkReaderCannot() throws Exception {
        // A 4-channel raster written by the JDK's writer is stored as an Adobe CMYK JPEG.
        BufferedImage rgb = halves(64, 64);
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
        RgbaImage img = load(data, ImagePreprocessing.NONE);
        assertThat(img.width()).isEqualTo(64);
        int left = img.argb()[32 * 64 + 5];
        int right = img.argb()[32 * 64 + 58];
        assertThat(new int[] {(left >> 16) & 0xff, (left >> 8) & 0xff, left & 0xff}).as("left %08x", left)
                .satisfies(c -> assertThat(c[0]).isGreaterThan(150), c -> assertThat(c[1]).isLessThan(100),
                        c -> assertThat(c[2]).isLessThan(100));
        assertThat(new int[] {(right >> 16) & 0xff, (right >> 8) & 0xff, right & 0xff}).as("right %08x", right)
                .satisfies(c -> assertThat(c[2]).isGreaterThan(100), c -> assertThat(c[0]).isLessThan(c[2]),
                        c -> assertThat(c[1]).isLessThan(c[2]));
        // And the encoder gets a vector, not a failure (the cast would throw).
        float[] v = ((dev.braid.api.encoder.EncodingResult.Success) new ColorHistogramEncoder(
                ColorHistogramConfig.defaults()).encode(java.util.List.of(new dev.braid.api.data.Item("c", "",
                java.util.Map.of(), new dev.braid.api.data.ItemContent(null, Media.ofBytes("cmyk.jpg", data),
                null)))).get(0)).vector();
        assertThat(v).isNotEmpty();
        assertThat(rgb.getWidth()).isEqualTo(64);
    }

    @Test
    void centreCropKeepsTheMiddle() throws Exception {
        // Red frame, blue centre square of half the side.
        BufferedImage img = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 200, 100);
        g.setColor(Color.BLUE);
        g.fillRect(75, 25, 50, 50);
        g.dispose();
        byte[] png = TestImages.bytes(img, "png");
        RgbaImage whole = new ImageLoader(40_000_000L, 128).load(Media.ofBytes("a.png", png));
        assertThat(whole.width()).isEqualTo(128);
        RgbaImage square = new ImageLoader(40_000_000L, 128, new ImagePreprocessing(true, 1, false))
                .load(Media.ofBytes("a.png", png));
        assertThat(square.width()).isEqualTo(100).isEqualTo(square.height());
        RgbaImage centre = new ImageLoader(40_000_000L, 128, new ImagePreprocessing(true, 0.5, false))
                .load(Media.ofBytes("a.png", png));
        assertThat(centre.width()).isEqualTo(50);
        for (int p : centre.argb()) {
            assertThat(p & 0xffffff).isEqualTo(0x0000ff);
        }
    }

    @Test
    void autoContrastStretchesLevels() throws Exception {
        BufferedImage img = new BufferedImage(100, 10, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 100; x++) {
            int v = 100 + x / 2;
            for (int y = 0; y < 10; y++) {
                img.setRGB(x, y, new Color(v, v, v).getRGB());
            }
        }
        byte[] png = TestImages.bytes(img, "png");
        RgbaImage stretched = new ImageLoader(40_000_000L, 128, new ImagePreprocessing(false, 1, true))
                .load(Media.ofBytes("g.png", png));
        int min = 255;
        int max = 0;
        for (int p : stretched.argb()) {
            min = Math.min(min, p & 0xff);
            max = Math.max(max, p & 0xff);
        }
        assertThat(min).isLessThan(10);
        assertThat(max).isGreaterThan(245);
        // A flat image is left alone.
        RgbaImage flat = ImagePreprocessing.stretch(new RgbaImage(2, 2, new int[] {0xff808080, 0xff808080,
                0xff808080, 0xff808080}));
        assertThat(flat.argb()).containsOnly(0xff808080);
    }
}
