package dev.braid.runtime.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.braid.api.data.Interaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An append-only log of online feedback (interactions posted to {@code braid serve}), one JSON object per line:
 * {@code {"user":"u1","item":"i7","rating":5.0,"timestamp":1700000000}}. {@link #append} writes a whole batch in one
 * write and forces it to disk before returning, so an acknowledged interaction survives a killed process (and a
 * power loss). A line cut short by a crash was never acknowledged: opening the log drops it, and reading skips it.
 * The dataset loader merges the log into the next training run ({@code dataset: {feedback: FILE}}).
 */
public final class FeedbackLog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileChannel channel;
    private long appended;

    private FeedbackLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens (creating it and its folder if needed) the log for appending, dropping a torn last line. */
    public static FeedbackLog open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            long size = ch.size();
            long keep = lastNewlineEnd(ch, size);
            if (keep < size) {
                ch.truncate(keep);
                ch.force(true);
            }
            ch.position(keep);
            return new FeedbackLog(file, ch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the feedback log " + file + ": " + e.getMessage(), e);
        }
    }

    private static long lastNewlineEnd(FileChannel ch, long size) throws IOException {
        long pos = size;
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (pos > 0) {
            int n = (int) Math.min(buf.capacity(), pos);
            buf.clear().limit(n);
            ch.read(buf, pos - n);
            for (int i = n - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') {
                    return pos - n + i + 1;
                }
            }
            pos -= n;
        }
        return 0;
    }

    public Path file() {
        return file;
    }

    /** How many interactions this instance appended. */
    public synchronized long appended() {
        return appended;
    }

    /** Appends a batch durably: returns once the bytes are on disk. */
    public synchronized void append(List<Interaction> batch) {
        if (batch.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (Interaction i : batch) {
            sb.append(line(i)).append('\n');
        }
        ByteBuffer bytes = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
            appended += batch.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the feedback log " + file + ": " + e.getMessage(), e);
        }
    }

    static String line(Interaction i) {
        ObjectNode n = JSON.createObjectNode();
        n.put("user", i.user());
        n.put("item", i.item());
        if (i.hasRating()) {
            n.put("rating", i.rating());
        }
        if (i.hasTimestamp()) {
            n.put("timestamp", i.timestamp());
        }
        return n.toString();
    }

    /**
     * Reads a log: every complete, well-formed line, in order. A missing file reads as empty.
     *
     * @param problems receives "FILE:LINE: why" for each line skipped
     */
    public static List<Interaction> read(Path file, Consumer<String> problems) {
        List<Interaction> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the feedback log " + file + ": " + e.getMessage(), e);
        }
        int lineNo = 0;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                problems.accept(file + ":" + (lineNo + 1) + ": incomplete last line (never acknowledged), skipped");
                break;
            }
            lineNo++;
            String line = text.substring(start, end).strip();
            start = end + 1;
            if (line.isEmpty()) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(line);
                String user = n.path("user").asText("");
                String item = n.path("item").asText("");
                if (user.isEmpty() || item.isEmpty()) {
                    problems.accept(file + ":" + lineNo + ": missing user or item, skipped");
                    continue;
                }
                double rating = n.has("rating") ? n.get("rating").asDouble() : Double.NaN;
                long ts = n.has("timestamp") ? n.get("timestamp").asLong() : Interaction.NO_TIMESTAMP;
                out.add(new Interaction(user, item, rating, ts));
            } catch (IOException e) {
                problems.accept(file + ":" + lineNo + ": not JSON (" + e.getMessage().lines().findFirst().orElse("") + "), skipped");
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the feedback log " + file + ": " + e.getMessage(), e);
        }
    }
}
