package dev.braid.api.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Binary content of an item (an image or an audio clip): either a file or bytes held in memory.
 * Encoders read it through {@link #open()}; {@link #name()} is what error messages show.
 */
public sealed interface Media permits Media.FileMedia, Media.BytesMedia {

    /** A name for messages: the file path, or the label given to in-memory bytes. */
    String name();

    /** Opens a fresh stream over the content; the caller closes it. */
    InputStream open() throws IOException;

    /** Reads the whole content. */
    default byte[] readAllBytes() throws IOException {
        try (InputStream in = open()) {
            return in.readAllBytes();
        }
    }

    static Media ofFile(Path path) {
        return new FileMedia(path);
    }

    static Media ofBytes(String name, byte[] data) {
        return new BytesMedia(name, data);
    }

    /** Content stored in a file. */
    record FileMedia(Path path) implements Media {
        public FileMedia {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String name() {
            return path.toString();
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(path);
        }
    }

    /** Content held in memory (an upload, a generated clip). The bytes are copied in and never exposed. */
    final class BytesMedia implements Media {
        private final String name;
        private final byte[] data;

        public BytesMedia(String name, byte[] data) {
            this.name = Objects.requireNonNull(name, "name");
            this.data = Objects.requireNonNull(data, "data").clone();
        }

        @Override
        public String name() {
            return name;
        }

        public int size() {
            return data.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(data);
        }

        @Override
        public byte[] readAllBytes() {
            return data.clone();
        }

        @Override
        public String toString() {
            return "BytesMedia[" + name + ", " + data.length + " bytes]";
        }
    }
}
