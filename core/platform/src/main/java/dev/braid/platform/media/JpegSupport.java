package dev.braid.platform.media;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * JPEG through TwelveMonkeys' reader (CMYK and YCCK with or without an ICC profile, progressive, Adobe markers,
 * broken ICC profiles), created directly rather than found by ImageIO's service lookup (which depends on the class
 * path and the order of registration), and pointed at the JDK's own JPEG reader, which it delegates baseline
 * decoding to. Also reads the EXIF orientation tag. Thread-safe (a reader per call).
 */
final class JpegSupport {
    private static final JPEGImageReaderSpi PROVIDER = provider();

    private JpegSupport() {
    }

    private static JPEGImageReaderSpi provider() {
        JPEGImageReaderSpi spi = new JPEGImageReaderSpi();
        // Looks up the JDK's JPEG reader in the default registry as the delegate (the registry is the JDK's).
        spi.onRegistration(IIORegistry.getDefaultInstance(), ImageReaderSpi.class);
        return spi;
    }

    static ImageReader newReader() throws IOException {
        return PROVIDER.createReaderInstance(null);
    }

    /**
     * The EXIF orientation (1 to 8) of the JPEG at the stream's current position, 1 when there is none or it
     * cannot be read; the stream is put back where it was.
     */
    static int exifOrientation(ImageInputStream in) {
        try {
            long start = in.getStreamPosition();
            try {
                List<JPEGSegment> segments = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
                for (JPEGSegment s : segments) {
                    try (InputStream data = s.data()) {
                        // After "Exif\0" comes one pad byte, then the TIFF structure.
                        data.skipNBytes(1);
                        Directory dir = new TIFFReader().read(new MemoryCacheImageInputStream(data));
                        Entry e = dir.getEntryById(TIFF.TAG_ORIENTATION);
                        if (e != null && e.getValue() instanceof Number n && n.intValue() >= 1 && n.intValue() <= 8) {
                            return n.intValue();
                        }
                    }
                }
            } finally {
                in.seek(start);
            }
        } catch (IOException | RuntimeException e) {
            // A damaged EXIF block does not make the picture unreadable: keep it as stored.
        }
        return 1;
    }

    /**
     * The image turned upright for an EXIF orientation: 2 mirror, 3 rotate 180, 4 flip, 5 transpose, 6 rotate
     * 90 clockwise, 7 transverse, 8 rotate 90 counter-clockwise.
     */
    static DecodedImage orient(DecodedImage img, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return img;
        }
        int w = img.width();
        int h = img.height();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        int[] src = img.argb();
        int[] out = new int[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int nx;
                int ny;
                switch (orientation) {
                    case 2 -> { nx = w - 1 - x; ny = y; }
                    case 3 -> { nx = w - 1 - x; ny = h - 1 - y; }
                    case 4 -> { nx = x; ny = h - 1 - y; }
                    case 5 -> { nx = y; ny = x; }
                    case 6 -> { nx = h - 1 - y; ny = x; }
                    case 7 -> { nx = h - 1 - y; ny = w - 1 - x; }
                    default -> { nx = y; ny = w - 1 - x; }
                }
                out[ny * ow + nx] = src[y * w + x];
            }
        }
        return new DecodedImage(ow, oh, out);
    }
}
