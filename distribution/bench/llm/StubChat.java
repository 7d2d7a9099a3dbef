import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A chat-completions server on 127.0.0.1 for the LLM load bench (run by hand: {@code java StubChat.java --port P
 * [--failRate 0.5] [--delayMs 30] [--slowMs 5000] [--seed 1]}). It answers {@code POST /v1/chat/completions}
 * after {@code delayMs}: a listwise ranking prompt gets the candidate ids in reverse order, an explanation prompt
 * gets one sentence per recommended id. A share {@code failRate} of the calls fails instead, drawn from a seeded
 * generator, cycling through four kinds: HTTP 500, a garbage 200 body, an answer slower than any sensible timeout
 * ({@code slowMs}) and a dropped connection. On exit (Ctrl-C, SIGTERM) it prints how many calls it answered and
 * failed, by kind; {@code GET /stats} says the same while it runs. A vision prompt (an {@code image_url} part) gets
 * one sentence naming the image's size and digest.
 */
public class StubChat {
    /** How an item id starts inside the JSON-escaped data message: {\"id\":\"... */
    private static final String ID = "{\\\"id\\\":\\\"";

    public static void main(String[] a) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < a.length; i += 2) {
            o.put(a[i].replaceFirst("^--", ""), a[i + 1]);
        }
        int port = Integer.parseInt(o.getOrDefault("port", "18111"));
        double failRate = Double.parseDouble(o.getOrDefault("failRate", "0.5"));
        long delayMs = Long.parseLong(o.getOrDefault("delayMs", "30"));
        long slowMs = Long.parseLong(o.getOrDefault("slowMs", "5000"));
        Random random = new Random(Long.parseLong(o.getOrDefault("seed", "1")));
        Map<String, AtomicLong> counts = new LinkedHashMap<>();
        for (String k : List.of("ok", "http-500", "garbage", "slow", "drop")) {
            counts.put(k, new AtomicLong());
        }
        AtomicLong failures = new AtomicLong();
        AtomicLong promptChars = new AtomicLong();
        AtomicLong prompts = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/chat/completions", ex -> {
            try (ex) {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                promptChars.addAndGet(contentChars(body));
                prompts.incrementAndGet();
                boolean fail;
                synchronized (random) {
                    fail = random.nextDouble() < failRate;
                }
                String kind = fail ? List.of("http-500", "garbage", "slow", "drop").get((int) (failures
                        .getAndIncrement() % 4)) : "ok";
                counts.get(kind).incrementAndGet();
                sleep(kind.equals("slow") ? slowMs : delayMs);
                switch (kind) {
                    case "http-500" -> write(ex, 500, "{\"error\": {\"message\": \"stub failure\"}}");
                    case "garbage" -> write(ex, 200, "<html>502 Bad Gateway</html>");
                    case "drop" -> throw new IOException("dropped on purpose");
                    default -> write(ex, 200, completion(answer(body)));
                }
            }
        });
        // What was answered so far, by kind: {"ok": 3, "http-500": 0, ...} (what a run cost)
        server.createContext("/stats", ex -> {
            try (ex) {
                StringBuilder sb = new StringBuilder("{");
                counts.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append('"').append(k).append("\": ")
                        .append(v.get()));
                write(ex, 200, sb.append('}').toString());
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("stub calls: " + counts
                + "; prompts " + prompts.get() + ", mean message characters "
                + (prompts.get() == 0 ? 0 : promptChars.get() / prompts.get()))));
        server.start();
        System.out.println("stub chat server on http://127.0.0.1:" + port + "/v1 (failRate " + failRate + ")");
        Thread.currentThread().join();
    }

    /** The ids of the data message's items, in order, answered as the prompt asks. */
    static String answer(String body) {
        if (body.contains("\"image_url\"")) {
            return describe(body);
        }
        List<String> ids = new ArrayList<>();
        for (int at = body.indexOf(ID); at >= 0; at = body.indexOf(ID, at + 1)) {
            int start = at + ID.length();
            int end = body.indexOf("\\\"", start);
            if (end > start) {
                ids.add(body.substring(start, end));
            }
        }
        StringBuilder sb = new StringBuilder();
        if (body.contains("\\\"recommended\\\"")) {
            sb.append("{\"explanations\": {");
            for (int i = 0; i < ids.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append('"').append(ids.get(i)).append("\": \"Picked for you because "
                        + "it resembles what you watched.\"");
            }
            return sb.append("}}").toString();
        }
        sb.append("{\"ranking\": [");
        for (int i = ids.size() - 1; i >= 0; i--) {
            sb.append(i == ids.size() - 1 ? "" : ", ").append('"').append(ids.get(i)).append('"');
        }
        return sb.append("]}").toString();
    }

    /** A vision prompt's answer: a sentence that depends only on the image's bytes (its size and digest). */
    static String describe(String body) {
        int start = body.indexOf(";base64,") + 8;
        byte[] image = java.util.Base64.getDecoder().decode(body.substring(start, body.indexOf('"', start)));
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(image);
            return "An image of " + image.length + " bytes with digest "
                    + java.util.HexFormat.of().formatHex(digest, 0, 4) + ".";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Characters of the messages' content strings (JSON escapes counted once), for prompt-size figures. */
    static long contentChars(String body) {
        long n = 0;
        for (int at = body.indexOf("\"content\":"); at >= 0; at = body.indexOf("\"content\":", at + 1)) {
            int start = body.indexOf('"', at + 10) + 1;
            int i = start;
            while (i < body.length() && body.charAt(i) != '"') {
                i += body.charAt(i) == '\\' ? 2 : 1;
                n++;
            }
        }
        return n;
    }

    static String completion(String content) {
        String escaped = content.replace("\\", "\\\\").replace("\"", "\\\"");
        return "{\"id\": \"stub\", \"object\": \"chat.completion\", \"choices\": [{\"index\": 0, \"message\": "
                + "{\"role\": \"assistant\", \"content\": \"" + escaped + "\"}, \"finish_reason\": \"stop\"}], "
                + "\"usage\": {\"prompt_tokens\": 400, \"completion_tokens\": 60, \"total_tokens\": 460}}";
    }

    static void write(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
