package dev.braid.api.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A binary model-file format: a header (the format's magic number and version, the model kind, the
 * {@link Fingerprint} of what the model was trained on) followed by the model's own data. A component keeps one
 * instance per format and reuses a saved model only when the fingerprint of its current inputs matches; otherwise it
 * trains and writes a new file, atomically ({@link AtomicFiles}), so a reader never sees a torn model.
 *
 * <pre>{@code
 * static final ModelFile FILE = new ModelFile(0x4252_4149_4458_5831L, 1, "example model");
 * Weights w = FILE.readIfMatching(path, "example", fingerprint, Weights::read); // null: train, then
 * FILE.write(path, "example", fingerprint, weights::write);
 * }</pre>
 */
public final class ModelFile {
    private final long magic;
    private final int version;
    private final String description;

    /**
     * @param magic       eight bytes that mark files of this format
     * @param version     the format's version; a file of another version is refused, not misread
     * @param description what the files hold, for error messages ("factorisation model")
     */
    public ModelFile(long magic, int version, String description) {
        this.magic = magic;
        this.version = version;
        this.description = description;
    }

    /** The format's version. */
    public int version() {
        return version;
    }

    /**
     * Writes the header and the body atomically.
     *
     * @throws UncheckedIOException naming the file when it cannot be written (the previous file is left as it was)
     */
    public void write(Path target, String kind, long fingerprint, Body body) {
        try {
            AtomicFiles.write(target, os -> {
                DataOutputStream out = new DataOutputStream(os);
                out.writeLong(magic);
                out.writeInt(version);
                out.writeUTF(kind);
                out.writeLong(fingerprint);
                body.write(out);
                out.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + kind + " " + description + " file " + target + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Reads a model when the file exists and was trained on the same inputs.
     *
     * @return the body's result, or {@code null} when there is no file or its fingerprint differs
     * @throws IllegalArgumentException naming the file when it is not a file of this format and kind, or is damaged
     */
    public <T> T readIfMatching(Path file, String kind, long fingerprint, Reader<T> reader) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream is = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(is, 1 << 16))) {
            if (in.readLong() != magic) {
                throw new IllegalArgumentException(file + ": not a Braid " + description + " file");
            }
            int v = in.readInt();
            if (v != version) {
                throw new IllegalArgumentException(file + ": " + description + " file format " + v + ", expected "
                        + version);
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
            throw new IllegalArgumentException(file + ": damaged " + description + " file (" + e + ")", e);
        }
    }

    /** Writes an array with its length. */
    public static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float x : a) {
            out.writeFloat(x);
        }
    }

    /**
     * Reads an array written by {@link #writeFloats}.
     *
     * @throws IOException naming {@code what} when the stored length is not {@code expected}
     */
    public static float[] readFloats(DataInputStream in, int expected, String what) throws IOException {
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

    /** Writes a model's data after the header. */
    @FunctionalInterface
    public interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads a model's data after the header. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }
}
