package dev.braid.plugin.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An OpenAI chat-completions server on 127.0.0.1 for tests: {@code POST /v1/chat/completions} answers with the
 * next scripted reply (or the default one), and records every request it received. Vision requests (an
 * {@code image_url} part) are answered like any other; {@link #image} gives a reply the image that was sent.
 * {@code POST /v1/audio/transcriptions} takes a multipart form, which it records as a JSON object of its fields
 * ({@code model}, {@code language}, {@code response_format}, and {@code file} with {@code filename},
 * {@code contentType} and the bytes in base64); its replies are the same script's ({@link #transcript}).
 */
final class StubChatServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the server does with one request. */
    interface Reply {
        void send(HttpExchange ex, JsonNode request) throws IOException;
    }

    /** One received request. */
    record Received(JsonNode body, String authorization, long atNanos) {
    }

    private final HttpServer server;
    private final BlockingQueue<Reply> script = new LinkedBlockingQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Reply fallback;

    StubChatServer(Reply fallback) throws IOException {
        this.fallback = fallback;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stub-chat");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/v1/chat/completions", this::handle);
        server.createContext("/v1/audio/transcriptions", this::handleForm);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Queues replies for the next requests, in order. */
    StubChatServer then(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    void setDefault(Reply reply) {
        fallback = reply;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
            received.add(new Received(body, ex.getRequestHeaders().getFirst("Authorization"), System.nanoTime()));
            Reply r = script.poll();
            (r == null ? fallback : r).send(ex, body);
        }
    }

    private void handleForm(HttpExchange ex) throws IOException {
        try (ex) {
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            JsonNode form = form(type, ex.getRequestBody().readAllBytes());
            received.add(new Received(form, ex.getRequestHeaders().getFirst("Authorization"), System.nanoTime()));
            Reply r = script.poll();
            (r == null ? fallback : r).send(ex, form);
        }
    }

    /**
     * A {@code multipart/form-data} body as a JSON object: each text field by name, and each file part as
     * {@code {filename, contentType, base64}}.
     *
     * @throws IOException when the body is not a well-formed form of that boundary
     */
    static JsonNode form(String contentType, byte[] body) throws IOException {
        if (contentType == null || !contentType.startsWith("multipart/form-data; boundary=")) {
            throw new IOException("not a multipart form: " + contentType);
        }
        String delimiter = "--" + contentType.substring(contentType.indexOf("boundary=") + 9);
        // ISO-8859-1 maps every byte to one char, so file bytes survive the round trip.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String end = "\r\n" + delimiter + "--\r\n";
        if (!text.startsWith(delimiter + "\r\n") || !text.endsWith(end)) {
            throw new IOException("the form does not start and end with its boundary");
        }
        ObjectNode out = JSON.createObjectNode();
        for (String part : text.substring(delimiter.length() + 2, text.length() - end.length())
                .split(java.util.regex.Pattern.quote("\r\n" + delimiter + "\r\n"))) {
            if (part.isEmpty()) {
                continue;
            }
            int split = part.indexOf("\r\n\r\n");
            if (split < 0) {
                throw new IOException("a part without a blank line after its headers");
            }
            String headers = part.substring(0, split);
            String value = part.substring(split + 4);
            java.util.regex.Matcher name = java.util.regex.Pattern.compile("name=\"([^\"]*)\"").matcher(headers);
            java.util.regex.Matcher file = java.util.regex.Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
            if (!name.find()) {
                throw new IOException("a part without a name: " + headers);
            }
            if (file.find()) {
                java.util.regex.Matcher ct = java.util.regex.Pattern.compile("Content-Type: (\\S+)").matcher(headers);
                out.putObject(name.group(1)).put("filename", file.group(1))
                        .put("contentType", ct.find() ? ct.group(1) : "")
                        .put("base64", java.util.Base64.getEncoder().encodeToString(
                                value.getBytes(StandardCharsets.ISO_8859_1)));
            } else {
                out.put(name.group(1), new String(value.getBytes(StandardCharsets.ISO_8859_1),
                        StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** The file bytes of a transcription request recorded by {@link #form}. */
    static byte[] audio(JsonNode form) {
        return java.util.Base64.getDecoder().decode(form.path("file").path("base64").asText());
    }

    /**
     * The image of a vision request: the bytes of the last message's {@code image_url} data URL
     * ({@code content: [{type: text}, {type: image_url, image_url: {url: "data:image/jpeg;base64,..."}}]}).
     *
     * @throws IllegalArgumentException when the request carries no such image
     */
    static byte[] image(JsonNode request) {
        JsonNode messages = request.path("messages");
        for (JsonNode part : messages.path(messages.size() - 1).path("content")) {
            String url = part.path("image_url").path("url").asText("");
            if (part.path("type").asText().equals("image_url") && url.startsWith("data:") && url.contains(";base64,")) {
                return java.util.Base64.getDecoder().decode(url.substring(url.indexOf(";base64,") + 8));
            }
        }
        throw new IllegalArgumentException("not a vision request: " + request);
    }

    // ---- replies --------------------------------------------------------------------------------------------

    /** A chat completion whose message content is the given text. */
    static Reply content(String text) {
        return (ex, req) -> {
            ObjectNode n = JSON.createObjectNode();
            n.put("id", "chatcmpl-stub").put("object", "chat.completion").put("model", req.path("model").asText());
            ObjectNode choice = n.putArray("choices").addObject();
            choice.put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", text);
            n.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 20).put("total_tokens", 120);
            write(ex, 200, JSON.writeValueAsBytes(n));
        };
    }

    /** A transcription ({@code response_format=json}) computed from the recorded form. */
    static Reply transcript(Function<JsonNode, String> model) {
        return (ex, form) -> write(ex, 200, JSON.writeValueAsBytes(JSON.createObjectNode()
                .put("text", model.apply(form))));
    }

    /** A chat completion computed from the request (a "model" that follows a rule). */
    static Reply answer(Function<JsonNode, String> model) {
        return (ex, req) -> content(model.apply(req)).send(ex, req);
    }

    static Reply status(int status, String retryAfter, String body) {
        return (ex, req) -> {
            if (retryAfter != null) {
                ex.getResponseHeaders().add("Retry-After", retryAfter);
            }
            write(ex, status, body.getBytes(StandardCharsets.UTF_8));
        };
    }

    /** Waits for the latch (the test releases it), then sends the reply. */
    static Reply after(CountDownLatch release, Reply then) {
        return (ex, req) -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            then.send(ex, req);
        };
    }

    /** A 200 with a body of {@code bytes} bytes of JSON-looking filler. */
    static Reply oversized(int bytes) {
        return (ex, req) -> {
            ex.sendResponseHeaders(200, bytes);
            byte[] chunk = new byte[8192];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try (OutputStream out = ex.getResponseBody()) {
                for (int sent = 0; sent < bytes; sent += chunk.length) {
                    out.write(chunk, 0, Math.min(chunk.length, bytes - sent));
                }
            } catch (IOException e) {
                // the client hung up once it had seen enough
            }
        };
    }

    /** Closes the connection without an answer. */
    static Reply drop() {
        return (ex, req) -> {
            // Closing the exchange before any response headers makes the client see the connection end.
            ex.getHttpContext().getServer();
            throw new IOException("dropped on purpose");
        };
    }

    private static void write(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
