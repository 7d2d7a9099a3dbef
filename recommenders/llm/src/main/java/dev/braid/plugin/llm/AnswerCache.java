package dev.braid.plugin.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braid.api.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers on disk, one JSON file per request, named by the SHA-256 of the request body (model, messages and
 * sampling parameters, but not the endpoint's address or key), so a re-run with the same prompts sends nothing.
 * Files are written atomically; an unreadable file counts as a miss.
 */
final class AnswerCache {
    private static final Logger log = LoggerFactory.getLogger(AnswerCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    AnswerCache(Path dir) {
        this.dir = dir;
    }

    static String key(byte[] requestBody) {
        return HexFormat.of().formatHex(sha256(requestBody));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private Path file(String key) {
        return dir.resolve(key.substring(0, 2)).resolve(key + ".json");
    }

    /** The cached answer, or {@code null}. */
    ChatAnswer get(String key) {
        Path f = file(key);
        try {
            JsonNode n = JSON.readTree(Files.readAllBytes(f));
            if (n == null || !n.path("content").isTextual()) {
                log.warn("Ignoring the malformed LLM cache file {}", f);
                return null;
            }
            return new ChatAnswer(n.get("content").asText(), n.path("tokens").asLong(0), true);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            log.warn("Ignoring the unreadable LLM cache file {}: {}", f, e.getMessage());
            return null;
        }
    }

    void put(String key, ChatAnswer answer) {
        ObjectNode n = JSON.createObjectNode();
        n.put("content", answer.content());
        n.put("tokens", answer.tokens());
        try {
            AtomicFiles.writeString(file(key), JSON.writeValueAsString(n));
        } catch (IOException e) {
            log.warn("Cannot write the LLM cache file {}: {}", file(key), e.getMessage());
        }
    }

    Path directory() {
        return dir;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
