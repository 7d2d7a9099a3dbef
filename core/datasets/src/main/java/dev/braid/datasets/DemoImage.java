package dev.braid.datasets;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;

/**
 * Renders the demo's images with Java2D: a background and most shapes in the item's dominant hue, with random
 * saturation and brightness, some off-hue shapes and pixel noise, so the hue is the signal and the rest is noise.
 */
final class DemoImage {
    static final int SIZE = 96;

    private DemoImage() {
    }

    /** The dominant hue of class {@code hue}, as a fraction of the colour circle. */
    static float hueOf(int hue) {
        return hue / (float) DemoCatalog.CLASSES;
    }

    /** A PNG of {@value #SIZE}x{@value #SIZE} pixels. */
    static byte[] png(int hue, SplittableRandom rng) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            float h = hueOf(hue);
            g.setColor(color(h, 0.025, 0.45, 0.9, 0.5, 0.95, rng));
            g.fillRect(0, 0, SIZE, SIZE);
            int shapes = 5 + rng.nextInt(8);
            for (int s = 0; s < shapes; s++) {
                boolean offHue = rng.nextDouble() < 0.2;
                float shapeHue = offHue ? (float) rng.nextDouble() : h;
                g.setColor(color(shapeHue, 0.04, 0.3, 1.0, 0.25, 1.0, rng));
                drawShape(g, rng);
            }
        } finally {
            g.dispose();
        }
        addNoise(image, rng);
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG", e);
        }
        return out.toByteArray();
    }

    private static Color color(float hue, double jitter, double satLo, double satHi, double briLo, double briHi,
                               SplittableRandom rng) {
        float h = (float) (hue + (rng.nextDouble() * 2 - 1) * jitter);
        float s = (float) (satLo + rng.nextDouble() * (satHi - satLo));
        float b = (float) (briLo + rng.nextDouble() * (briHi - briLo));
        return Color.getHSBColor(h - (float) Math.floor(h), s, b);
    }

    private static void drawShape(Graphics2D g, SplittableRandom rng) {
        int x = rng.nextInt(SIZE) - 16;
        int y = rng.nextInt(SIZE) - 16;
        int w = 10 + rng.nextInt(50);
        int h = 10 + rng.nextInt(50);
        switch (rng.nextInt(4)) {
            case 0 -> g.fillOval(x, y, w, h);
            case 1 -> g.fillRect(x, y, w, h);
            case 2 -> g.fillPolygon(new Polygon(new int[]{x, x + w, x + rng.nextInt(Math.max(1, w))},
                    new int[]{y + h, y + h, y}, 3));
            default -> {
                g.setStroke(new BasicStroke(2 + rng.nextInt(5)));
                g.drawLine(x, y, x + w, y + h);
            }
        }
    }

    private static void addNoise(BufferedImage image, SplittableRandom rng) {
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        double[] noise = new double[pixels.length * 3];
        DemoNoise.fill(noise, rng);
        for (int p = 0, n = 0; p < pixels.length; p++) {
            int rgb = pixels[p];
            int r = clamp(((rgb >> 16) & 0xff) + (int) (noise[n++] * 10));
            int g = clamp(((rgb >> 8) & 0xff) + (int) (noise[n++] * 10));
            int b = clamp((rgb & 0xff) + (int) (noise[n++] * 10));
            pixels[p] = (r << 16) | (g << 8) | b;
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
