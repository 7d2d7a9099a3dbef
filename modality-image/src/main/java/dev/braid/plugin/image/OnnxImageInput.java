package dev.braid.plugin.image;

import dev.braid.api.data.Media;
import dev.braid.platform.media.DecodeException;
import dev.braid.platform.media.DecodedImage;
import dev.braid.platform.media.ImageDecoder;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Decodes an image ({@link ImageDecoder}: the header's size is checked against {@code maxPixels} before decoding, so
 * a crafted header cannot exhaust memory) and turns it into the model's input: resize (stretch, or shorter side then
 * centre crop), RGB, {@code (value / scale - mean) / std} per channel, in NCHW or NHWC order.
 */
final class OnnxImageInput {
    private final int width;
    private final int height;
    private final boolean centerCrop;
    private final boolean nchw;
    private final float scale;
    private final float[] mean;
    private final float[] std;
    private final ImageDecoder decoder;

    OnnxImageInput(OnnxImageConfig c) {
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
        this.decoder = new ImageDecoder(c.maxPixels(), 4 * Math.max(c.width(), c.height()));
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
     * Decodes the image with the platform's decoder: at most four times the model's size on the longest side (large
     * images are subsampled while decoded), EXIF orientation applied.
     *
     * @throws DecodeException naming the media when it cannot be read or decoded, or is above {@code maxPixels}
     */
    BufferedImage decode(Media media) throws DecodeException {
        DecodedImage d = decoder.decode(media);
        BufferedImage img = new BufferedImage(d.width(), d.height(), BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, d.width(), d.height(), d.argb(), 0, d.width());
        return img;
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
}
