package dev.braid.runtime.cache;

import dev.braid.api.io.AtomicFiles;
import dev.braid.runtime.util.Hashing;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encoded vectors on disk, one file per encoder identity (its kind and name, bundle symbolic name and version,
 * configuration and fingerprint; never the framework's bundle id, so a file stays valid across restarts and
 * reinstalls of an unchanged bundle version), each entry keyed by the SHA-256 of the item's content. A second run of an experiment, or a variant
 * sharing an encoder, skips encoding; an item whose content changed is encoded again. Only vectors are cached,
 * never failures, so a fixed file is picked up on the next run.
 */
public final class VectorCache {
    private static final Logger log = LoggerFactory.getLogger(VectorCache.class);
    private static final int MAGIC = 0x42524456; // "BRDV"

    private final Path directory;

    public VectorCache(Path directory) {
        this.directory = directory;
    }

    /** The vectors of one encoder identity, loaded from disk (empty when absent or unreadable). */
    public Segment open(String encoderIdentity, int dim) {
        Path file = directory.resolve(Hashing.sha256Hex(encoderIdentity) + ".vec");
        Map<ByteBuffer, float[]> entries = new HashMap<>();
        if (Files.exists(file)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file),
                    1 << 16))) {
                if (in.readInt() != MAGIC || in.readInt() != dim) {
                    log.warn("Ignoring vector cache {}: other format or dimension", file);
                } else {
                    int n = in.readInt();
                    for (int i = 0; i < n; i++) {
                        byte[] key = new byte[32];
                        in.readFully(key);
                        float[] v = new float[dim];
                        for (int j = 0; j < dim; j++) {
                            v[j] = in.readFloat();
                        }
                        entries.put(ByteBuffer.wrap(key), v);
                    }
                }
            } catch (EOFException e) {
                log.warn("Vector cache {} is truncated; encoding again", file);
                entries.clear();
            } catch (IOException e) {
                log.warn("Cannot read vector cache {}: {}", file, e.toString());
                entries.clear();
            }
        }
        return new Segment(file, dim, entries);
    }

    /** The cached vectors of one encoder. Not thread-safe: filled by the builder, then saved. */
    public static final class Segment {
        private final Path file;
        private final int dim;
        private final Map<ByteBuffer, float[]> entries;
        private boolean dirty;

        Segment(Path file, int dim, Map<ByteBuffer, float[]> entries) {
            this.file = file;
            this.dim = dim;
            this.entries = entries;
        }

        public float[] get(byte[] contentHash) {
            return entries.get(ByteBuffer.wrap(contentHash));
        }

        public void put(byte[] contentHash, float[] vector) {
            entries.put(ByteBuffer.wrap(contentHash.clone()), vector.clone());
            dirty = true;
        }

        public int size() {
            return entries.size();
        }

        /** Writes the segment atomically when something was added. */
        public void save() {
            if (!dirty) {
                return;
            }
            try {
                AtomicFiles.write(file, os -> {
                    DataOutputStream out = new DataOutputStream(os);
                    out.writeInt(MAGIC);
                    out.writeInt(dim);
                    out.writeInt(entries.size());
                    for (Map.Entry<ByteBuffer, float[]> e : entries.entrySet()) {
                        out.write(e.getKey().array());
                        for (float f : e.getValue()) {
                            out.writeFloat(f);
                        }
                    }
                    out.flush();
                });
                dirty = false;
            } catch (IOException e) {
                log.warn("Cannot write vector cache {}: {}", file, e.toString());
            }
        }
    }
}
