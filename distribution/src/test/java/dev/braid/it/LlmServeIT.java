package dev.braid.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code braid serve} with {@code llm-rerank} and {@code llm-explain} against the bench's chat-completions stub
 * ({@code bench/llm/StubChat.java}) on loopback: reranked lists with explanations on {@code explain=llm}, the
 * counters in {@code /metrics}, a stub that goes away (requests still served, fallbacks counted), a configuration
 * swap of the LLM stage, and the API key nowhere in the server's output.
 */
class LlmServeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-it-0123456789-NEVER-SHOWN";

    @TempDir
    Path dir;
    private Process stub;
    private ServerProcess server;
    private int stubPort;

    @BeforeEach
    void startStub() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            stubPort = s.getLocalPort();
        }
        Path log = dir.resolve("stub.log");
        stub = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                Path.of("bench/llm/StubChat.java").toAbsolutePath().toString(), "--port", String.valueOf(stubPort),
                "--failRate", "0", "--delayMs", "1").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains("stub chat server on")) {
            assertThat(stub.isAlive()).as("stub: " + Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("stub start").isLessThan(end);
            Thread.sleep(100);
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (stub.isAlive()) {
            stub.destroy();
            stub.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private String stages(int candidates) {
        String endpoint = "endpoint: {baseUrl: 'http://127.0.0.1:" + stubPort + "/v1', model: stub, "
                + "apiKeyEnv: BRAID_IT_LLM_KEY, timeoutMs: 5000, maxRetries: 0, breakerFailures: 1000, cache: false}";
        return "{name: llm-rerank, candidates: " + candidates + ", deadlineMs: 10000, " + endpoint + "}, "
                + "{name: llm-explain, deadlineMs: 10000, " + endpoint + "}";
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static double metric(String metrics, String name, String component) {
        String prefix = name + "{variant=\"content\",component=\"" + component + "\"";
        return metrics.lines().filter(l -> l.startsWith(prefix + "}") || l.startsWith(prefix + ","))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void rerankedExplainedCountedSurvivesTheStubGoingAwayAndSwaps() throws Exception {
        Path home = Distribution.freshHome(dir);
        ServeFixture.writeData(dir);
        Path config = dir.resolve("serve.yaml");
        ServeFixture.write(config, ServeFixture.config(stages(20)));
        server = ServerProcess.start(home, dir.resolve("cache"), config, Map.of("BRAID_IT_LLM_KEY", KEY,
                "BRAID_TEST_TOKEN", ServeFixture.TOKEN));

        // The stub "model" returns the candidates in reverse order and one sentence per recommended item.
        JsonNode plain = json(server.get("/recommendations?user=u1&k=20&variant=content&rerank=off"));
        JsonNode ranked = json(server.get("/recommendations?user=u1&k=5&variant=content&explain=llm"));
        List<String> chain = ids(plain);
        assertThat(chain).hasSize(20);
        assertThat(ids(ranked)).containsExactlyElementsOf(reversed(chain).subList(0, 5));
        for (JsonNode item : ranked.get("items")) {
            assertThat(item.get("reasons").toString()).contains("llm-rerank:llm");
            assertThat(item.get("explanation").asText()).isEqualTo("Picked for you because it resembles what you "
                    + "watched.");
        }
        assertThat(plain.get("items").get(0).has("explanation")).isFalse();
        String metrics = server.get("/metrics").body();
        assertThat(metric(metrics, "braid_plugin_llm_successes_total", "llm-rerank")).isPositive();
        assertThat(metric(metrics, "braid_plugin_llm_successes_total", "llm-explain")).isPositive();
        assertThat(metric(metrics, "braid_plugin_llm_fallbacks_total", "llm-rerank")).isZero();

        // The endpoint goes away: the chain's order is served, with the reason, and the fallback is counted.
        stub.destroy();
        stub.waitFor(10, TimeUnit.SECONDS);
        JsonNode fallback = json(server.get("/recommendations?user=u1&k=5&variant=content&explain=llm"));
        assertThat(ids(fallback)).containsExactlyElementsOf(chain.subList(0, 5));
        assertThat(fallback.get("items").get(0).get("reasons").toString())
                .contains("llm-rerank:fallback:connection");
        assertThat(fallback.get("items").get(0).has("explanation")).isFalse();
        metrics = server.get("/metrics").body();
        assertThat(metric(metrics, "braid_plugin_llm_fallbacks_total", "llm-rerank")).isPositive();
        assertThat(metric(metrics, "braid_plugin_llm_failures_total", "llm-explain")).isPositive();
        assertThat(metrics).contains("kind=\"connection\"");

        // A variant with LLM stages swaps like any other.
        int before = json(server.get("/health")).get("variants").get("content").get("generation").asInt();
        ServeFixture.write(config, ServeFixture.config(stages(10)));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (json(server.get("/health")).get("variants").get("content").get("generation").asInt() == before) {
            assertThat(System.nanoTime()).as("the swap to the new configuration").isLessThan(end);
            Thread.sleep(100);
        }
        assertThat(json(server.get("/recommendations?user=u1&k=5&variant=content")).get("items")).hasSize(5);

        String admin = server.get("/admin/generations", "Authorization", "Bearer " + ServeFixture.TOKEN).body();
        assertThat(admin).contains("llm-rerank").doesNotContain(KEY);
        assertThat(server.stderr()).doesNotContain(KEY);
        assertThat(Files.readString(dir.resolve("serve.yaml"))).doesNotContain(KEY);
    }

    private static List<String> ids(JsonNode listing) {
        List<String> out = new ArrayList<>();
        listing.get("items").forEach(i -> out.add(i.get("id").asText()));
        return out;
    }

    private static List<String> reversed(List<String> list) {
        List<String> out = new ArrayList<>(list);
        java.util.Collections.reverse(out);
        return out;
    }
}
