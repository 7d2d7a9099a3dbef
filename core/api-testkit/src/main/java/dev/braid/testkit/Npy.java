package dev.braid.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a little-endian float32 {@code .npy} file (as {@code numpy.save} writes it) into a row-major matrix: reference
 * outputs that a plugin test computed with numpy or PyTorch and compares its component with.
 */
public final class Npy {
    private Npy() {
    }

    /** The file's 2-D float32 array, one {@code float[]} per row. */
    public static float[][] readMatrix(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int major = b.get(6);
        int headerLen = major == 1 ? Short.toUnsignedInt(b.getShort(8)) : b.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(b.array(), start, headerLen, StandardCharsets.ISO_8859_1);
        if (!header.contains("'<f4'") || header.contains("'fortran_order': True")) {
            throw new IOException(file + ": expected C-order little-endian float32, header " + header);
        }
        Matcher m = Pattern.compile("'shape': \\((\\d+),\\s*(\\d*)\\)").matcher(header);
        if (!m.find()) {
            throw new IOException(file + ": no shape in " + header);
        }
        int rows = Integer.parseInt(m.group(1));
        int cols = m.group(2).isEmpty() ? 1 : Integer.parseInt(m.group(2));
        float[][] out = new float[rows][cols];
        int pos = start + headerLen;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r][c] = b.getFloat(pos);
                pos += 4;
            }
        }
        return out;
    }
}
