package dev.braid.platform.media;

import dev.braid.api.data.Media;
import dev.braid.api.encoder.EncodingResult.FailureKind;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes an image with {@link ImageIO} into a {@link DecodedImage}, safely and cheaply:
 * <ol>
 *   <li>reads only the header first and refuses images above {@code maxPixels} before decoding anything;</li>
 *   <li>decodes only the requested source region, if any (a crop), with source subsampling so that a large image
 *       comes in at about twice the target size;</li>
 *   <li>box-filters (area average, alpha-premultiplied) down to {@code targetSize} pixels on the longest side;</li>
 *   <li>turns the image upright by its EXIF orientation.</li>
 * </ol>
 * Formats: whatever ImageIO reads (PNG incl. 16-bit, palette and alpha, GIF (first frame), BMP, WBMP; grey images
 * taken as stored, not brightened) and JPEG through TwelveMonkeys ({@link JpegSupport}: CMYK/YCCK, progressive,
 * broken ICC profiles). A missing file, an unknown format, a corrupt header and a truncated file are
 * {@link DecodeException}s naming the file. Thread-safe (stateless).
 */
public final class ImageDecoder {
    /** The part of a stored image to decode. */
    @FunctionalInterface
    public interface SourceRegion {
        /** The region {@code {x, y, width, height}} of a stored {@code width x height} image (never empty). */
        int[] of(int width, int height);
    }

    private final long maxPixels;
    private final int targetSize;

    /**
     * @param maxPixels  images with more pixels (by their header) are refused before decoding
     * @param targetSize the longest side of a decoded image, at most ({@code Integer.MAX_VALUE}: full size)
     */
    public ImageDecoder(long maxPixels, int targetSize) {
        if (maxPixels < 1 || targetSize < 1) {
            throw new IllegalArgumentException("maxPixels and targetSize must be >= 1, got " + maxPixels + " and "
                    + targetSize);
        }
        this.maxPixels = maxPixels;
        this.targetSize = targetSize;
    }

    /** Decodes the whole image. */
    public DecodedImage decode(Media media) throws DecodeException {
        return decode(media, null);
    }

    /**
     * Decodes {@code region} of the image (null: the whole image).
     *
     * @throws DecodeException naming the media when it cannot be read or decoded
     */
    public DecodedImage decode(Media media, SourceRegion region) throws DecodeException {
        String name = media.name();
        try (ImageInputStream in = open(media)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DecodeException(FailureKind.UNSUPPORTED, name
                        + ": not an image format ImageIO can read (JPEG, PNG, GIF, BMP)", null);
            }
            ImageReader reader = readers.next();
            int orientation = 1;
            if ("jpeg".equalsIgnoreCase(reader.getFormatName())) {
                // TwelveMonkeys for every JPEG: the JDK's reader fails on CMYK/YCCK and on some ICC profiles.
                reader.dispose();
                reader = JpegSupport.newReader();
                orientation = JpegSupport.exifOrientation(in);
            }
            try {
                reader.setInput(in, true, true);
                int w;
                int h;
                try {
                    w = reader.getWidth(0);
                    h = reader.getHeight(0);
                } catch (IOException | RuntimeException e) {
                    throw new DecodeException(FailureKind.INVALID, name + ": corrupt image header ("
                            + reason(e) + ")", e);
                }
                long pixels = (long) w * h;
                if (w <= 0 || h <= 0) {
                    throw new DecodeException(FailureKind.INVALID, name + ": image has no pixels (" + w + "x"
                            + h + ")", null);
                }
                if (pixels > maxPixels) {
                    throw new DecodeException(FailureKind.INVALID, name + ": image is " + w + "x" + h + " = "
                            + pixels + " pixels, above maxPixels = " + maxPixels + "; not decoded", null);
                }
                ImageReadParam param = reader.getDefaultReadParam();
                if (region != null) {
                    int[] r = region.of(w, h);
                    param.setSourceRegion(new java.awt.Rectangle(r[0], r[1], r[2], r[3]));
                    w = r[2];
                    h = r[3];
                }
                int step = Math.max(1, Math.max(w, h) / (2 * targetSize));
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                BufferedImage img;
                // A JPEG that ends early decodes with a warning and grey where the data is missing: that is a
                // truncated file, not an image.
                List<String> truncation = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> {
                    if (warning != null && warning.toLowerCase(Locale.ROOT).contains("premature end")) {
                        truncation.add(warning);
                    }
                });
                try {
                    img = reader.read(0, param);
                } catch (IOException | RuntimeException e) {
                    throw new DecodeException(FailureKind.INVALID, name + ": corrupt or truncated "
                            + reader.getFormatName() + " image (" + reason(e) + ")", e);
                }
                if (!truncation.isEmpty()) {
                    throw new DecodeException(FailureKind.INVALID, name + ": truncated " + reader.getFormatName()
                            + " image (" + truncation.get(0) + ")", null);
                }
                return JpegSupport.orient(downscale(img), orientation);
            } finally {
                reader.dispose();
            }
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new DecodeException(FailureKind.UNREADABLE, name + ": file not found", e);
        } catch (AccessDeniedException e) {
            throw new DecodeException(FailureKind.UNREADABLE, name + ": permission denied", e);
        } catch (IOException e) {
            throw new DecodeException(FailureKind.UNREADABLE, name + ": cannot read (" + reason(e) + ")", e);
        }
    }

    private static ImageInputStream open(Media media) throws IOException {
        if (media instanceof Media.FileMedia f) {
            if (!Files.exists(f.path())) {
                throw new NoSuchFileException(f.path().toString());
            }
            // Random access straight on the file: no copy, no temp-file cache.
            return new FileImageInputStream(f.path().toFile());
        }
        InputStream raw = media.open();
        // An explicit memory cache: ImageIO.createImageInputStream would spill to a temp file by default.
        return new MemoryCacheImageInputStream(raw) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    raw.close();
                }
            }
        };
    }

    private static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /**
     * The image as sRGB ARGB. Grey images are read from their raster: Java tags them with the linear grey colour
     * space, so {@link BufferedImage#getRGB} would brighten them, whereas grey PNG/JPEG samples are gamma-encoded
     * like sRGB and must be taken as they are.
     */
    static int[] pixels(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        ColorModel cm = img.getColorModel();
        Raster raster = img.getRaster();
        int bands = raster.getNumBands();
        if (img.getType() == BufferedImage.TYPE_INT_RGB || img.getType() == BufferedImage.TYPE_INT_ARGB) {
            int[] out = (int[]) raster.getDataElements(0, 0, w, h, null);
            if (img.getType() == BufferedImage.TYPE_INT_RGB) {
                for (int i = 0; i < out.length; i++) {
                    out[i] |= 0xff000000;
                }
            }
            return out;
        }
        if (!(cm instanceof ComponentColorModel) || cm.isAlphaPremultiplied()) {
            return img.getRGB(0, 0, w, h, null, 0, w);
        }
        if (cm.getColorSpace().isCS_sRGB() && (bands == 3 || bands == 4)
                && raster.getTransferType() == DataBuffer.TYPE_BYTE) {
            // JPEG's TYPE_3BYTE_BGR and PNG's 8-bit RGB(A): samples straight from the raster, in R, G, B, A order
            // (getRGB goes through the colour model per pixel and costs more than decoding).
            int[] out = new int[w * h];
            if (raster.getSampleModel() instanceof ComponentSampleModel sm
                    && raster.getDataBuffer() instanceof DataBufferByte db && db.getNumBanks() == 1) {
                byte[] data = db.getData();
                int[] off = sm.getBandOffsets();
                int ps = sm.getPixelStride();
                int ss = sm.getScanlineStride();
                int base = db.getOffset() - raster.getSampleModelTranslateY() * ss
                        - raster.getSampleModelTranslateX() * ps;
                for (int y = 0; y < h; y++) {
                    int p = base + y * ss;
                    for (int x = 0; x < w; x++, p += ps) {
                        int alpha = bands == 4 ? data[p + off[3]] & 0xff : 255;
                        out[y * w + x] = alpha << 24 | (data[p + off[0]] & 0xff) << 16
                                | (data[p + off[1]] & 0xff) << 8 | (data[p + off[2]] & 0xff);
                    }
                }
                return out;
            }
            int[] row = new int[w * bands];
            for (int y = 0; y < h; y++) {
                raster.getPixels(0, y, w, 1, row);
                for (int x = 0, o = 0; x < w; x++, o += bands) {
                    int alpha = bands == 4 ? row[o + 3] : 255;
                    out[y * w + x] = alpha << 24 | row[o] << 16 | row[o + 1] << 8 | row[o + 2];
                }
            }
            return out;
        }
        if (cm.getColorSpace().getType() != ColorSpace.TYPE_GRAY || bands > 2) {
            return img.getRGB(0, 0, w, h, null, 0, w);
        }
        int[] out = new int[w * h];
        int grayMax = (1 << cm.getComponentSize(0)) - 1;
        int alphaMax = bands == 2 ? (1 << cm.getComponentSize(1)) - 1 : 1;
        int[] g = new int[w];
        int[] a = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, g);
            if (bands == 2) {
                raster.getSamples(0, y, w, 1, 1, a);
            }
            for (int x = 0; x < w; x++) {
                int v = (int) ((g[x] * 255L + grayMax / 2) / grayMax);
                int alpha = bands == 2 ? (int) ((a[x] * 255L + alphaMax / 2) / alphaMax) : 255;
                out[y * w + x] = alpha << 24 | v << 16 | v << 8 | v;
            }
        }
        return out;
    }

    /** Area-averages down to {@code targetSize} on the longest side; smaller images are kept as they are. */
    private DecodedImage downscale(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] src = pixels(img);
        int longest = Math.max(w, h);
        if (longest <= targetSize) {
            return new DecodedImage(w, h, src);
        }
        double scale = (double) targetSize / longest;
        int ow = Math.max(1, (int) Math.round(w * scale));
        int oh = Math.max(1, (int) Math.round(h * scale));
        int[] out = new int[ow * oh];
        for (int oy = 0; oy < oh; oy++) {
            int y0 = (int) ((long) oy * h / oh);
            int y1 = (int) ((long) (oy + 1) * h / oh);
            for (int ox = 0; ox < ow; ox++) {
                int x0 = (int) ((long) ox * w / ow);
                int x1 = (int) ((long) (ox + 1) * w / ow);
                long sa = 0;
                long sr = 0;
                long sg = 0;
                long sb = 0;
                for (int y = y0; y < y1; y++) {
                    int row = y * w;
                    for (int x = x0; x < x1; x++) {
                        int p = src[row + x];
                        int a = p >>> 24;
                        sa += a;
                        sr += (long) a * ((p >> 16) & 0xff);
                        sg += (long) a * ((p >> 8) & 0xff);
                        sb += (long) a * (p & 0xff);
                    }
                }
                int n = (y1 - y0) * (x1 - x0);
                int a = (int) ((sa + n / 2) / n);
                int r = 0;
                int g = 0;
                int b = 0;
                if (sa > 0) {
                    r = (int) ((sr + sa / 2) / sa);
                    g = (int) ((sg + sa / 2) / sa);
                    b = (int) ((sb + sa / 2) / sa);
                }
                out[oy * ow + ox] = a << 24 | r << 16 | g << 8 | b;
            }
        }
        return new DecodedImage(ow, oh, out);
    }
}
