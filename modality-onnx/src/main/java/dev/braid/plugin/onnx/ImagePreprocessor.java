package dev.braid.plugin.onnx;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes an image (formats ImageIO reads) and turns it into the model's input: resize (stretch, or shorter side
 * then centre crop), RGB, {@code (value / scale - mean) / std} per channel, in NCHW or NHWC order. The header's
 * size is checked against {@code maxPixels} before decoding, so a crafted header cannot exhaust memory.
 */
final class ImagePreprocessor {
    private final int width;
    private final int height;
    private final boolean centerCrop;
    private final boolean nchw;
    private final float scale;
    private final float[] mean;
    private final float[] std;
    private final long maxPixels;

    ImagePreprocessor(OnnxImageConfig c) {
        if (!c.resize().equals("stretch") && !c.resize().equals("center-crop")) {
            throw new IllegalArgumentException("onnx-image.resize must be 'stretch' or 'center-crop', got '"
                    + c.resize() + "'");
        }
        if (!c.layout().equalsIgnoreCase("NCHW") && !c.layout().equalsIgnoreCase("NHWC")) {
            throw new IllegalArgumentException("onnx-image.layout must be NCHW or NHWC, got '" + c.layout() + "'");
        }
        this.width = c.width();
        this.height = c.height();
        this.centerCrop = c.resize().equals("center-crop");
        this.nchw = c.layout().equalsIgnoreCase("NCHW");
        this.scale = (float) c.scale();
        this.mean = threeFloats(c.mean(), "mean");
        this.std = threeFloats(c.std(), "std");
        for (float s : std) {
            if (s == 0) {
                throw new IllegalArgumentException("onnx-image.std must not contain 0");
            }
        }
        this.maxPixels = c.maxPixels();
    }

    private static float[] threeFloats(List<Double> v, String name) {
        if (v == null || v.size() != 3) {
            throw new IllegalArgumentException("onnx-image." + name + " must have 3 values (R, G, B), got " + v);
        }
        return new float[] {v.get(0).floatValue(), v.get(1).floatValue(), v.get(2).floatValue()};
    }

    /** Floats per image. */
    int size() {
        return 3 * width * height;
    }

    long[] shape(int batch) {
        return nchw ? new long[] {batch, 3, height, width} : new long[] {batch, height, width, 3};
    }

    /**
     * Decodes the stream.
     *
     * @throws UnsupportedImageException when no reader knows the format
     * @throws IllegalArgumentException  when the image is larger than {@code maxPixels} or has no pixels
     */
    BufferedImage decode(InputStream in) throws IOException {
        try (ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = iis == null ? null : ImageIO.getImageReaders(iis);
            if (readers == null || !readers.hasNext()) {
                throw new UnsupportedImageException("not an image format this encoder reads (JPEG, PNG, GIF, BMP)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w <= 0 || h <= 0) {
                    throw new IllegalArgumentException("image has no pixels (" + w + "x" + h + ")");
                }
                if (w * h > maxPixels) {
                    throw new IllegalArgumentException("image is " + w + "x" + h + " = " + (w * h)
                            + " pixels, more than maxPixels " + maxPixels);
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        }
    }

    /** Writes one image's normalised input into {@code out} at {@code offset}. */
    void fill(BufferedImage src, float[] out, int offset) {
        BufferedImage rgb = resized(src);
        int[] pixels = rgb.getRGB(0, 0, width, height, null, 0, width);
        int plane = width * height;
        for (int i = 0; i < plane; i++) {
            int p = pixels[i];
            float r = (((p >> 16) & 0xff) / scale - mean[0]) / std[0];
            float g = (((p >> 8) & 0xff) / scale - mean[1]) / std[1];
            float b = ((p & 0xff) / scale - mean[2]) / std[2];
            if (nchw) {
                out[offset + i] = r;
                out[offset + plane + i] = g;
                out[offset + 2 * plane + i] = b;
            } else {
                out[offset + 3 * i] = r;
                out[offset + 3 * i + 1] = g;
                out[offset + 3 * i + 2] = b;
            }
        }
    }

    private BufferedImage resized(BufferedImage src) {
        int sw = src.getWidth();
        int sh = src.getHeight();
        int sx = 0;
        int sy = 0;
        int cw = sw;
        int ch = sh;
        if (centerCrop) {
            // Crop the largest centred region with the target's aspect ratio, then scale it.
            double target = (double) width / height;
            if ((double) sw / sh > target) {
                cw = Math.max(1, (int) Math.round(sh * target));
                sx = (sw - cw) / 2;
            } else {
                ch = Math.max(1, (int) Math.round(sw / target));
                sy = (sh - ch) / 2;
            }
        }
        BufferedImage dst = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dst.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(src, 0, 0, width, height, sx, sy, sx + cw, sy + ch, null);
        } finally {
            g.dispose();
        }
        return dst;
    }

    /** The content is not an image format ImageIO can read. */
    static final class UnsupportedImageException extends IOException {
        UnsupportedImageException(String message) {
            super(message);
        }
    }
}
