package dev.braid.datasets;

import dev.braid.api.data.Media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Resolves media paths found in a data file against a base folder, refusing any that escape it (absolute paths,
 * {@code ..}, symbolic links pointing outside). Refused and missing files are reported as per-item problems.
 */
final class MediaResolver {
    private final Path base;
    private final Path realBase;
    private final String file;
    private final Fingerprint fingerprint;

    /**
     * @param base        the folder media paths are relative to
     * @param file        the data file, for problem reports
     * @param fingerprint receives the size and time of every accepted media file
     */
    MediaResolver(Path base, String file, Fingerprint fingerprint) {
        this.base = base.toAbsolutePath().normalize();
        Path real;
        try {
            real = this.base.toRealPath();
        } catch (IOException e) {
            real = this.base;
        }
        this.realBase = real;
        this.file = file;
        this.fingerprint = fingerprint;
    }

    /** The media for this cell, or {@code null} (with a problem added) when refused or missing. */
    Media resolve(String itemId, long line, String column, String relative, List<DatasetProblem> problems) {
        if (relative == null || relative.isBlank()) {
            return null;
        }
        String rel = relative.trim();
        Path candidate;
        try {
            Path given = Path.of(rel);
            if (given.isAbsolute() || rel.startsWith("/") || rel.startsWith("\\")) {
                problems.add(new DatasetProblem(itemId, file, line, column, "absolute media path '" + rel
                        + "' refused: paths must be relative to " + base));
                return null;
            }
            candidate = base.resolve(given).normalize();
        } catch (InvalidPathException e) {
            problems.add(new DatasetProblem(itemId, file, line, column, "invalid media path '" + rel + "'"));
            return null;
        }
        if (!candidate.startsWith(base)) {
            problems.add(new DatasetProblem(itemId, file, line, column, "media path '" + rel
                    + "' escapes the catalog folder " + base + "; refused"));
            return null;
        }
        if (!Files.exists(candidate)) {
            problems.add(new DatasetProblem(itemId, file, line, column, "media file '" + candidate
                    + "' does not exist; the item is kept without it"));
            return null;
        }
        try {
            Path real = candidate.toRealPath();
            if (!real.startsWith(realBase)) {
                problems.add(new DatasetProblem(itemId, file, line, column, "media path '" + rel
                        + "' is a link to " + real + ", outside the catalog folder; refused"));
                return null;
            }
            if (!Files.isRegularFile(real)) {
                problems.add(new DatasetProblem(itemId, file, line, column, "media path '" + rel
                        + "' is not a regular file; the item is kept without it"));
                return null;
            }
            fingerprint.addFile(real);
            return Media.ofFile(real);
        } catch (IOException e) {
            problems.add(new DatasetProblem(itemId, file, line, column, "cannot read media file '" + candidate
                    + "': " + e.getMessage() + "; the item is kept without it"));
            return null;
        }
    }
}
