package dev.braid.plugin.fusion;

import dev.braid.api.io.AtomicFiles;
import dev.braid.api.io.ModelFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The file of a trained fusion model: the API's {@link ModelFile} format (magic, version, strategy name,
 * fingerprint of what it was trained on, then the body) plus a JSON sidecar ({@code <file>.json}) that records, for
 * people, what the fingerprint covers. Both are written atomically, the sidecar first, so a reader sees a whole old
 * or a whole new model.
 */
final class FusionModelFile {
    static final ModelFile FORMAT = new ModelFile(0x4252_4149_4446_4D31L, 1, "fusion model"); // "BRAIDFM1"
    static final int VERSION = FORMAT.version();

    private FusionModelFile() {
    }

    static Path sidecar(Path model) {
        return model.resolveSibling(model.getFileName() + ".json");
    }

    /** Writes the sidecar, then the header and body. */
    static void write(Path target, String kind, long fingerprint, String sidecarJson, ModelFile.Body body) {
        Path side = sidecar(target);
        try {
            AtomicFiles.writeString(side, sidecarJson);
        } catch (IOException e) {
            throw new UncheckedIOException(kind + ": cannot write " + side + ": " + e.getMessage(), e);
        }
        FORMAT.write(target, kind, fingerprint, body);
    }

    /**
     * Reads a model when the file exists and was trained on the same inputs.
     *
     * @return the body's result, or {@code null} when there is no file or its fingerprint differs
     * @throws IllegalArgumentException when the file is not a fusion model file of this kind, or is damaged
     */
    static <T> T readIfMatching(Path file, String kind, long fingerprint, ModelFile.Reader<T> reader) {
        return FORMAT.readIfMatching(file, kind, fingerprint, reader);
    }
}
