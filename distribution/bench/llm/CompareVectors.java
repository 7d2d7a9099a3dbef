import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares two vector files of {@code braid encode} item by item
 * ({@code java CompareVectors.java BEFORE AFTER [DESCRIPTIONS]}, each of BEFORE and AFTER a path without its
 * extension, such as {@code out/text}: {@code out/text.npy} with {@code out/text.ids.txt}): how many items' vectors
 * are bit-identical, changed, or present in one file only. Given the {@code descriptions.tsv} of the encode that
 * wrote AFTER, it also says whether the items whose vectors changed or appeared are exactly the described ones, and
 * exits with 1 when they are not.
 */
public class CompareVectors {
    private static final Pattern SHAPE = Pattern.compile("'shape': \\((\\d+), (\\d+)\\)");

    public static void main(String[] a) throws IOException {
        Map<String, float[]> x = read(a[0]);
        Map<String, float[]> y = read(a[1]);
        Set<String> changed = new TreeSet<>();
        Set<String> appeared = new TreeSet<>();
        Set<String> vanished = new TreeSet<>();
        int identical = 0;
        for (Map.Entry<String, float[]> e : y.entrySet()) {
            float[] old = x.get(e.getKey());
            if (old == null) {
                appeared.add(e.getKey());
            } else if (Arrays.equals(old, e.getValue())) {
                identical++;
            } else {
                changed.add(e.getKey());
            }
        }
        x.keySet().stream().filter(k -> !y.containsKey(k)).forEach(vanished::add);
        System.out.printf("vectors: %d before, %d after; identical %d, changed %d, new %d, gone %d%n", x.size(),
                y.size(), identical, changed.size(), appeared.size(), vanished.size());
        if (a.length < 3) {
            return;
        }
        Path descriptions = Path.of(a[2]);
        Set<String> described = new TreeSet<>();
        List<String> lines = Files.readAllLines(descriptions, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            described.add(line.substring(0, line.indexOf('\t')));
        }
        Set<String> moved = new TreeSet<>(changed);
        moved.addAll(appeared);
        moved.addAll(vanished);
        Set<String> notDescribed = new TreeSet<>(moved);
        notDescribed.removeAll(described);
        Set<String> unchanged = new TreeSet<>(described);
        unchanged.removeAll(moved);
        System.out.printf("described %d; changed or new: exactly the described items: %s (changed but not described: "
                + "%d %s; described but unchanged: %d %s)%n", described.size(), notDescribed.isEmpty()
                && unchanged.isEmpty() ? "yes" : "no", notDescribed.size(), head(notDescribed), unchanged.size(),
                head(unchanged));
        if (!notDescribed.isEmpty() || !unchanged.isEmpty()) {
            System.exit(1);
        }
    }

    private static String head(Set<String> ids) {
        return ids.stream().limit(10).toList().toString();
    }

    /** Item id to vector, from {@code <stem>.npy} (float32, little-endian, C order) and {@code <stem>.ids.txt}. */
    static Map<String, float[]> read(String stem) throws IOException {
        Path npyFile = Path.of(stem + ".npy");
        Path idsFile = Path.of(stem + ".ids.txt");
        byte[] npy = Files.readAllBytes(npyFile);
        List<String> ids = Files.readAllLines(idsFile, StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = b.getShort(8) & 0xffff;
        String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);
        Matcher m = SHAPE.matcher(header);
        if (!header.contains("'<f4'") || !m.find()) {
            throw new IOException(npyFile + ": expected float32 [rows, dim], header " + header);
        }
        int rows = Integer.parseInt(m.group(1));
        int dim = Integer.parseInt(m.group(2));
        if (rows != ids.size()) {
            throw new IOException(idsFile + ": " + ids.size() + " ids for " + rows + " rows");
        }
        b.position(10 + headerLength);
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String id : ids) {
            float[] v = new float[dim];
            b.asFloatBuffer().get(v);
            b.position(b.position() + 4 * dim);
            out.put(id, v);
        }
        return out;
    }
}
