package dev.braid.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The bench's chat-completions stub ({@code bench/llm/StubChat.java}) run as a program on a free loopback port. */
final class StubChatProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private StubChatProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a stub that answers every call (no failures) and waits until it listens. */
    static StubChatProcess start(Path dir) throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        Path log = dir.resolve("stub-" + free + ".log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                Path.of("bench/llm/StubChat.java").toAbsolutePath().toString(), "--port", String.valueOf(free),
                "--failRate", "0", "--delayMs", "1").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        StubChatProcess stub = new StubChatProcess(p, free);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains("stub chat server on")) {
            if (!p.isAlive() || System.nanoTime() > end) {
                stub.close();
                throw new AssertionError("the stub did not start: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return stub;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    /** Calls answered so far (the stub's {@code /stats} "ok" count). */
    long answered() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/stats")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode n = new ObjectMapper().readTree(r.body());
        return n.path("ok").asLong();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
