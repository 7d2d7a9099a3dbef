package dev.braid.plugin.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braid.api.data.Media;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** The loader's crop and contrast preprocessing on top of the platform's image decoder. */
class ImageLoaderTest {

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
