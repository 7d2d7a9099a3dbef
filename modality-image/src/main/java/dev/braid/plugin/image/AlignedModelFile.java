package dev.braid.plugin.image;

import dev.braid.api.io.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The image-aligned model file: a magic line, a properties header (the architecture, the teacher and the training
 * figures) and the network's parameters as DJL writes them ({@code Block.saveParameters}). The header is also
 * written beside the model as {@code <file>.properties}, for people and tools; loading reads only the model file,
 * so the two can never disagree about what is loaded. Both are written to a temporary file in the target folder
 * and moved into place atomically.
 *
 * @param network    the architecture
 * @param header     everything recorded, the architecture included
 * @param parameters the parameters, as {@code Block.saveParameters} wrote them
 */
record AlignedModelFile(AlignedNetwork network, Properties header, byte[] parameters) {
    static final String MAGIC = "braid-image-aligned 1";

    /** The header keys of the architecture. */
    static Properties architecture(AlignedNetwork n) {
        Properties p = new Properties();
        p.setProperty("format", "1");
        p.setProperty("size", Integer.toString(n.size()));
        p.setProperty("width", Integer.toString(n.width()));
        p.setProperty("handcrafted", Boolean.toString(n.handcrafted()));
        p.setProperty("featureDim", Integer.toString(n.featureDim()));
        p.setProperty("dimension", Integer.toString(n.dimension()));
        return p;
    }

    void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String headerText = headerText();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(parameters.length + 4096);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(MAGIC);
            byte[] h = headerText.getBytes(StandardCharsets.UTF_8);
            out.writeInt(h.length);
            out.write(h);
            out.write(parameters);
        }
        atomicWrite(file, bytes.toByteArray());
        atomicWrite(file.resolveSibling(file.getFileName() + ".properties"),
                headerText.getBytes(StandardCharsets.UTF_8));
    }

    /** Sorted keys, no date line: the same model gives the same bytes. */
    private String headerText() {
        StringWriter w = new StringWriter();
        w.write("# image-aligned model (braid train-encoder)\n");
        new TreeMap<>(header).forEach((k, v) -> {
            Properties one = new Properties();
            one.setProperty((String) k, (String) v);
            StringWriter line = new StringWriter();
            try {
                one.store(line, null);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            line.toString().lines().filter(l -> !l.startsWith("#")).forEach(l -> w.write(l + "\n"));
        });
        return w.toString();
    }

    private static void atomicWrite(Path target, byte[] data) throws IOException {
        AtomicFiles.write(target, os -> os.write(data));
    }

    /**
     * Reads a model file.
     *
     * @throws NoSuchFileException      when it does not exist
     * @throws IllegalArgumentException when it is not an image-aligned model (naming the file)
     */
    static AlignedModelFile read(Path file) throws IOException {
        return read(file, Files.readAllBytes(file));
    }

    /** Parses the bytes of {@code file}. */
    static AlignedModelFile read(Path file, byte[] all) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all))) {
            String magic;
            try {
                magic = in.readUTF();
            } catch (IOException | RuntimeException e) {
                magic = "";
            }
            if (!MAGIC.equals(magic)) {
                throw new IllegalArgumentException(file + " is not an image-aligned model file (written by "
                        + "`braid train-encoder`)");
            }
            int n = in.readInt();
            if (n < 0 || n > all.length) {
                throw new IllegalArgumentException(file + ": corrupt image-aligned model header");
            }
            byte[] h = in.readNBytes(n);
            Properties header = new Properties();
            header.load(new StringReader(new String(h, StandardCharsets.UTF_8)));
            AlignedNetwork net;
            try {
                net = new AlignedNetwork(intOf(header, "size"), intOf(header, "width"),
                        Boolean.parseBoolean(header.getProperty("handcrafted")), intOf(header, "featureDim"),
                        intOf(header, "dimension"));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file + ": corrupt image-aligned model header (" + e.getMessage()
                        + ")", e);
            }
            return new AlignedModelFile(net, header, in.readAllBytes());
        }
    }

    private static int intOf(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("no '" + key + "'");
        }
        return Integer.parseInt(v.trim());
    }
}
