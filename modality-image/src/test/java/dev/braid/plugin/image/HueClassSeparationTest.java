package dev.braid.plugin.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braid.api.data.Item;
import dev.braid.api.data.ItemContent;
import dev.braid.api.data.Media;
import dev.braid.api.encoder.EncodingResult.Success;
import dev.braid.api.encoder.ModalityEncoder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Items like the synthetic demo catalog's: a dominant hue per class, a pattern drawn over it that varies within
 * and across classes. Leave-one-out nearest neighbour by cosine must recover the hue class.
 */
class HueClassSeparationTest {
    private static final float[] HUES = {0f, 40f, 70f, 130f, 200f, 280f};

    @Test
    void nearestNeighbourRecoversTheHueClass() {
        Random rnd = new Random(42);
        List<Item> items = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < HUES.length; c++) {
            for (int k = 0; k < 8; k++) {
                BufferedImage img = poster(rnd, HUES[c]);
                items.add(new Item("i" + items.size(), "", Map.of(),
                        new ItemContent(null, Media.ofBytes("i" + items.size() + ".png", TestImages.bytes(img, "png")), null)));
                labels.add(c);
            }
        }
        for (ModalityEncoder e : List.of(new ColorHistogramEncoder(ColorHistogramConfig.defaults()),
                new HandcraftedImageEncoder(HandcraftedImageConfig.defaults()))) {
            List<float[]> v = e.encode(items).stream().map(r -> ((Success) r).vector()).toList();
            int correct = 0;
            for (int i = 0; i < v.size(); i++) {
                int best = -1;
                double bestSim = -2;
                for (int j = 0; j < v.size(); j++) {
                    double s = TestImages.dot(v.get(i), v.get(j));
                    if (j != i && s > bestSim) {
                        bestSim = s;
                        best = j;
                    }
                }
                if (labels.get(best).equals(labels.get(i))) {
                    correct++;
                }
            }
            assertThat(correct).as("%s nearest-neighbour hits", e.getClass().getSimpleName())
                    .isGreaterThanOrEqualTo(v.size() - 1);
        }
    }

    /** A 200x300 image: background in the class hue (jittered), a random pattern in a second colour. */
    private static BufferedImage poster(Random rnd, float hue) {
        float h = (hue + (rnd.nextFloat() - 0.5f) * 16f + 360f) % 360f / 360f;
        Color base = Color.getHSBColor(h, 0.6f + 0.35f * rnd.nextFloat(), 0.6f + 0.35f * rnd.nextFloat());
        Color second = switch (rnd.nextInt(3)) {
            case 0 -> Color.WHITE;
            case 1 -> Color.BLACK;
            default -> Color.getHSBColor(h, 0.9f, 0.3f);
        };
        BufferedImage img = new BufferedImage(200, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(base);
        g.fillRect(0, 0, 200, 300);
        g.setColor(second);
        int period = 10 + rnd.nextInt(20);
        switch (rnd.nextInt(3)) {
            case 0 -> {
                for (int y = 0; y < 300; y += 2 * period) {
                    g.fillRect(0, y, 200, period / 2);
                }
            }
            case 1 -> {
                for (int x = 0; x < 200; x += 2 * period) {
                    g.fillRect(x, 0, period / 2, 300);
                }
            }
            default -> {
                for (int n = 0; n < 12; n++) {
                    g.fillOval(rnd.nextInt(200), rnd.nextInt(300), period, period);
                }
            }
        }
        g.dispose();
        return img;
    }
}
