package dev.braid.plugin.text.sentence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sentence-transformers model on disk: the ONNX file, its {@code tokenizer.json}, and the SHA-256 of the model
 * (what identifies it for sharing and for vector caches).
 *
 * @param model     the {@code .onnx} file
 * @param tokenizer the {@code tokenizer.json} file
 * @param sha256    hex SHA-256 of the model file
 */
public record ModelFiles(Path model, Path tokenizer, String sha256) {
    private static final Logger LOG = LoggerFactory.getLogger(ModelFiles.class);

    /**
     * Extracts a model and its tokenizer from the host class path (the MiniLM jars) to {@code cacheRoot}, once:
     * a later call finds them by the resource's location and size and does not copy or hash again.
     *
     * @param modelResource     e.g. {@code all-minilm-l6-v2.onnx}
     * @param tokenizerResource e.g. {@code all-minilm-l6-v2-tokenizer.json}
     * @throws IllegalArgumentException naming the resource when it is not on the class path
     */
    public static ModelFiles fromClassPath(ClassLoader loader, String modelResource, String tokenizerResource,
                                           Path cacheRoot) {
        URL model = loader.getResource(modelResource);
        URL tokenizer = loader.getResource(tokenizerResource);
        if (model == null || tokenizer == null) {
            throw new IllegalArgumentException("model resource " + (model == null ? modelResource : tokenizerResource)
                    + " is not on the host class path (it ships in the Maven artifact "
                    + "dev.langchain4j:langchain4j-embeddings-" + modelResource.replace(".onnx", "")
                    + "; put the jar in lib/, or set modelDir to a folder with model.onnx and tokenizer.json)");
        }
        try {
            long size = size(model);
            String stamp = model + "\n" + size + "\n";
            Path dir = cacheRoot.resolve(modelResource.replace(".onnx", ""));
            Path modelFile = dir.resolve("model.onnx");
            Path tokenizerFile = dir.resolve("tokenizer.json");
            Path stampFile = dir.resolve("source.txt");
            Path hashFile = dir.resolve("model.sha256");
            if (Files.isRegularFile(stampFile) && Files.readString(stampFile).equals(stamp)
                    && Files.isRegularFile(hashFile) && Files.isRegularFile(tokenizerFile)
                    && Files.isRegularFile(modelFile) && Files.size(modelFile) == size) {
                return new ModelFiles(modelFile, tokenizerFile, Files.readString(hashFile).trim());
            }
            Files.createDirectories(dir);
            long t0 = System.nanoTime();
            String sha = copy(model, modelFile);
            copy(tokenizer, tokenizerFile);
            Files.writeString(hashFile, sha);
            Files.writeString(stampFile, stamp);
            LOG.info("Extracted {} to {} in {} ms", modelResource, dir, (System.nanoTime() - t0) / 1_000_000);
            return new ModelFiles(modelFile, tokenizerFile, sha);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + modelResource + " to " + cacheRoot + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * A model in a folder: {@code model.onnx} (or the folder's only {@code .onnx} file) and {@code tokenizer.json}.
     *
     * @throws IllegalArgumentException naming the folder and the missing file
     */
    public static ModelFiles fromFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("modelDir " + dir + " is not a folder");
        }
        Path tokenizer = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(tokenizer)) {
            throw new IllegalArgumentException("modelDir " + dir + " has no tokenizer.json");
        }
        Path model = dir.resolve("model.onnx");
        if (!Files.isRegularFile(model)) {
            try (Stream<Path> files = Files.list(dir)) {
                List<Path> onnx = files.filter(p -> p.getFileName().toString().endsWith(".onnx")).toList();
                if (onnx.size() != 1) {
                    throw new IllegalArgumentException("modelDir " + dir + " must hold model.onnx or exactly one "
                            + ".onnx file, found " + onnx.size());
                }
                model = onnx.get(0);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
            }
        }
        try (InputStream in = Files.newInputStream(model)) {
            return new ModelFiles(model, tokenizer, sha256(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + model + ": " + e.getMessage(), e);
        }
    }

    private static long size(URL url) throws IOException {
        URLConnection c = url.openConnection();
        c.setUseCaches(false);
        long n = c.getContentLengthLong();
        if (n < 0) {
            try (InputStream in = c.getInputStream()) {
                n = in.transferTo(OutputStream.nullOutputStream());
            }
        } else {
            c.getInputStream().close();
        }
        return n;
    }

    private static String copy(URL from, Path to) throws IOException {
        Path tmp = Files.createTempFile(to.getParent(), to.getFileName().toString(), ".part");
        try {
            String sha;
            URLConnection c = from.openConnection();
            c.setUseCaches(false);
            try (DigestInputStream in = new DigestInputStream(c.getInputStream(), digest())) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                sha = HexFormat.of().formatHex(in.getMessageDigest().digest());
            }
            Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return sha;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Hex SHA-256 of a stream's content. */
    public static String sha256(InputStream in) throws IOException {
        try (DigestInputStream d = new DigestInputStream(in, digest())) {
            d.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(d.getMessageDigest().digest());
        }
    }

    /** Hex SHA-256 of a string (UTF-8). */
    public static String sha256(String s) {
        return HexFormat.of().formatHex(digest().digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
