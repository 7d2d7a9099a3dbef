package dev.braid.plugin.fusion;

import dev.braid.api.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file format of a trained fusion model: a magic number, a format version, the strategy name, the fingerprint
 * of what it was trained on, then the body. A JSON sidecar ({@code <file>.json}) records, for people, what the
 * fingerprint covers. Both are written atomically (temporary file in the same folder, forced to disk, moved over the
 * target), the sidecar first, so a reader sees a whole old or a whole new model.
 */
final class FusionModelFile {
    static final long MAGIC = 0x4252_4149_4446_4D31L; // "BRAIDFM1"
    static final int VERSION = 1;

    private FusionModelFile() {
    }

    static Path sidecar(Path model) {
        return model.resolveSibling(model.getFileName() + ".json");
    }

    /** Writes the sidecar, then the header and body. */
    static void write(Path target, String kind, long fingerprint, String sidecarJson, Body body) {
        atomically(sidecar(target), kind, out -> out.write(sidecarJson.getBytes(StandardCharsets.UTF_8)));
        atomically(target, kind, out -> {
            out.writeLong(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(kind);
            out.writeLong(fingerprint);
            body.write(out);
        });
    }

    private static void atomically(Path target, String kind, Body body) {
        try {
            AtomicFiles.write(target, os -> {
                DataOutputStream out = new DataOutputStream(os);
                body.write(out);
                out.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(kind + ": cannot write the model file " + target + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Reads a model when the file exists and was trained on the same inputs.
     *
     * @return the body's result, or {@code null} when there is no file or its fingerprint differs
     * @throws IllegalArgumentException when the file is not a fusion model file of this kind, or is damaged
     */
    static <T> T readIfMatching(Path file, String kind, long fingerprint, Reader<T> reader) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream is = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(is, 1 << 16))) {
            if (in.readLong() != MAGIC) {
                throw new IllegalArgumentException(kind + ": " + file + " is not a Braid fusion model file");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException(kind + ": " + file + " has model file format " + version
                        + ", expected " + VERSION);
            }
            String k = in.readUTF();
            if (!k.equals(kind)) {
                throw new IllegalArgumentException(kind + ": " + file + " holds a '" + k + "' model");
            }
            if (in.readLong() != fingerprint) {
                return null;
            }
            return reader.read(in);
        } catch (IOException e) {
            throw new IllegalArgumentException(kind + ": damaged model file " + file + " (" + e.getMessage() + ")",
                    e);
        }
    }

    /** Writes a model body. */
    @FunctionalInterface
    interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads a model body. */
    @FunctionalInterface
    interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }
}
