package dev.braid.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Accumulates a SHA-256 over an import spec and the files it read (path, size and modification time, which is
 * cheap and changes whenever a file is rewritten). Not thread-safe.
 */
final class Fingerprint {
    private final MessageDigest digest;

    Fingerprint() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    Fingerprint add(String value) {
        digest.update(value.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        return this;
    }

    Fingerprint addFile(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return add(file.toAbsolutePath().normalize() + "|" + a.size() + "|" + a.lastModifiedTime().toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read attributes of '" + file + "'", e);
        }
    }

    /** The hex digest; the accumulator must not be used afterwards. */
    String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
