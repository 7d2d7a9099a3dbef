package dev.braid.plugin.factorization;

import dev.braid.api.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file format of a factorisation model: a magic number, a format version, the model kind ({@code bpr},
 * {@code vbpr}), a fingerprint of what it was trained on (data, parameters, seed), then the model's own arrays.
 * Writes are atomic: the bytes go to a temporary file in the same folder, are forced to disk, and the file is
 * moved over the target, so a reader sees the old model or the new one, never a torn file.
 */
final class ModelFile {
    static final long MAGIC = 0x4252_4149_444D_4631L; // "BRAIDMF1"
    static final int VERSION = 1;

    private ModelFile() {
    }

    /** Writes the header and the body atomically. */
    static void write(Path target, String kind, long fingerprint, Body body) {
        try {
            AtomicFiles.write(target, os -> {
                DataOutputStream out = new DataOutputStream(os);
                out.writeLong(MAGIC);
                out.writeInt(VERSION);
                out.writeUTF(kind);
                out.writeLong(fingerprint);
                body.write(out);
                out.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + kind + " model file " + target + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Reads a model when the file exists and was trained on the same inputs.
     *
     * @return the body's result, or {@code null} when there is no file or its fingerprint differs
     * @throws IllegalArgumentException when the file is not a model file of this kind, or is damaged
     */
    static <T> T readIfMatching(Path file, String kind, long fingerprint, Reader<T> reader) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream is = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(is, 1 << 16))) {
            if (in.readLong() != MAGIC) {
                throw new IllegalArgumentException(file + ": not a Braid factorisation model file");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException(file + ": model file format " + version + ", expected " + VERSION);
            }
            String k = in.readUTF();
            if (!k.equals(kind)) {
                throw new IllegalArgumentException(file + ": holds a '" + k + "' model, expected '" + kind + "'");
            }
            if (in.readLong() != fingerprint) {
                return null;
            }
            return reader.read(in);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": damaged model file (" + e + ")", e);
        }
    }

    static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float x : a) {
            out.writeFloat(x);
        }
    }

    static float[] readFloats(DataInputStream in, int expected, String what) throws IOException {
        int n = in.readInt();
        if (n != expected) {
            throw new IOException(what + ": " + n + " values, expected " + expected);
        }
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readFloat();
        }
        return a;
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
