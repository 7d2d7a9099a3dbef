package dev.braid.plugin.llm;

import static dev.braid.plugin.llm.Fixtures.CANDIDATES;
import static dev.braid.plugin.llm.Fixtures.SECRET;
import static dev.braid.plugin.llm.Fixtures.ids;
import static dev.braid.plugin.llm.Fixtures.incoming;
import static dev.braid.plugin.llm.Fixtures.ranking;
import static dev.braid.plugin.llm.StubChatServer.after;
import static dev.braid.plugin.llm.StubChatServer.content;
import static dev.braid.plugin.llm.StubChatServer.drop;
import static dev.braid.plugin.llm.StubChatServer.oversized;
import static dev.braid.plugin.llm.StubChatServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.braid.api.data.Catalog;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.ScoredItem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code llm-rerank} against a chat-completions server on loopback, for each scripted answer of the test matrix:
 * what the reranker returns, what it records in the reasons and counters, and that the next request is served
 * normally afterwards. Every log line of the run is kept and checked for the API key at the end.
 */
class LlmRerankerTest {
    private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
    private static final Query USER = new Query("u1", null, Set.of(), Map.of());
    private static final String GOOD = ranking("c4", "c2", "c1", "c5", "c3");

    @TempDir
    Path dir;
    private StubChatServer stub;
    private LlmReranker reranker;
    private final Catalog catalog = Fixtures.catalog("A pig who wants to herd sheep.");

    @BeforeAll
    static void captureLogs() {
        LOGS.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOGS);
    }

    @AfterAll
    static void noSecretInAnyLogLine() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOGS);
        assertThat(LOGS.list).isNotEmpty();
        for (ILoggingEvent e : LOGS.list) {
            assertThat(e.getFormattedMessage()).doesNotContain(SECRET);
            if (e.getThrowableProxy() != null) {
                assertThat(e.getThrowableProxy().getMessage() == null ? "" : e.getThrowableProxy().getMessage())
                        .doesNotContain(SECRET);
            }
        }
    }

    @BeforeEach
    void start() throws Exception {
        stub = new StubChatServer(content(GOOD));
        reranker = Fixtures.reranker(Fixtures.endpoint(stub.baseUrl(), 1000, 2, 100, false), 3000, dir, catalog);
    }

    @AfterEach
    void stop() {
        reranker.close();
        stub.close();
    }

    private List<ScoredItem> rerank() {
        return reranker.rerank(new Query("u1", null, Set.of(), Map.of()), incoming(), new float[0], 5);
    }

    /** After any failure, the next request with a good answer is reranked by the model. */
    private void servingContinues() {
        stub.setDefault(content(GOOD));
        List<ScoredItem> next = rerank();
        assertThat(ids(next)).containsExactly("c4", "c2", "c1", "c5", "c3");
        assertThat(next).allSatisfy(s -> assertThat(s.reasons()).endsWith("llm"));
    }

    private static void assertFallback(List<ScoredItem> out, String reason) {
        assertThat(ids(out)).containsExactlyElementsOf(CANDIDATES);
        assertThat(out).allSatisfy(s -> assertThat(s.reasons()).containsExactly("content-profile:similar", reason));
        assertThat(out.get(0).score()).isEqualTo(10.0);
    }

    @Test
    void aGoodOrderingReordersTheCandidatesAndKeepsTheirScoresAndReasons() {
        List<ScoredItem> out = rerank();
        assertThat(ids(out)).containsExactly("c4", "c2", "c1", "c5", "c3");
        assertThat(out.get(0).score()).isEqualTo(7.0);
        assertThat(out.get(0).reasons()).containsExactly("content-profile:similar", "llm");
        assertThat(reranker.stats().successes()).isEqualTo(1);
        assertThat(reranker.stats().fallbacks()).isZero();
        StubChatServer.Received r = stub.received().get(0);
        assertThat(r.authorization()).isEqualTo("Bearer " + SECRET);
        assertThat(r.body().path("model").asText()).isEqualTo("stub-model");
        assertThat(r.body().path("messages").get(1).path("content").asText()).contains("Blade Runner", "\"c5\"");
    }

    @Test
    void malformedJsonFallsBack() {
        stub.then(content("{\"ranking\": [\"c4\", \"c2\""));
        assertFallback(rerank(), "fallback:invalid-answer");
        assertThat(reranker.stats().failures(LlmException.Kind.INVALID_ANSWER)).isEqualTo(1);
        assertThat(reranker.stats().fallbacks()).isEqualTo(1);
        servingContinues();
    }

    @Test
    void proseAroundTheListIsIgnored() {
        stub.then(content("Sure! Based on the history, here is my ranking:\n```json\n" + ranking("c2", "c4", "c1",
                "c3", "c5") + "\n```\nThe sci-fi titles [c2 and c4] come first."));
        assertThat(ids(rerank())).containsExactly("c2", "c4", "c1", "c3", "c5");
        servingContinues();
    }

    @Test
    void hallucinatedAndDuplicateIdsAreDroppedAndMissingOnesAppended() {
        stub.then(content(ranking("c9", "c3", "c3", "Toy Story", "c1", "c1")));
        List<ScoredItem> out = rerank();
        assertThat(ids(out)).containsExactly("c3", "c1", "c2", "c4", "c5");
        assertThat(out.get(0).reasons()).endsWith("llm");
        assertThat(out.get(2).reasons()).endsWith("llm-unranked");
        servingContinues();
    }

    @Test
    void anAnswerWithNoCandidateIdFallsBack() {
        stub.then(content(ranking("x1", "x2")));
        assertFallback(rerank(), "fallback:invalid-answer");
        servingContinues();
    }

    @Test
    void anEmptyAnswerFallsBack() {
        stub.then(content(""));
        assertFallback(rerank(), "fallback:invalid-answer");
        servingContinues();
    }

    @Test
    void a429IsRetriedAfterItsRetryAfter() {
        stub.then(status(429, "1", "{\"error\": \"slow down\"}"));
        assertThat(ids(rerank())).containsExactly("c4", "c2", "c1", "c5", "c3");
        List<StubChatServer.Received> r = stub.received();
        assertThat(r).hasSize(2);
        // Retry-After: 1 (second) is honoured rather than the 10 ms backoff.
        assertThat(r.get(1).atNanos() - r.get(0).atNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(950));
        assertThat(reranker.stats().measurements()).containsEntry("llm_retries_total", 1.0);
        servingContinues();
    }

    @Test
    void aRetryAfterBeyondTheDeadlineFallsBackWithoutWaiting() {
        stub.then(status(429, "3600", ""));
        assertFallback(rerank(), "fallback:rate-limited");
        assertThat(stub.received()).hasSize(1);
        servingContinues();
    }

    @Test
    void a500IsRetried() {
        stub.then(status(500, null, "{\"error\": \"boom\"}"));
        assertThat(ids(rerank())).containsExactly("c4", "c2", "c1", "c5", "c3");
        assertThat(stub.received()).hasSize(2);
        servingContinues();
    }

    @Test
    void persistent500sFallBackAfterTheRetries() {
        stub.setDefault(status(503, null, "overloaded"));
        assertFallback(rerank(), "fallback:server-error");
        assertThat(stub.received()).hasSize(3); // one attempt and two retries
        assertThat(reranker.stats().failures(LlmException.Kind.SERVER_ERROR)).isEqualTo(1);
        servingContinues();
    }

    @Test
    void anAnswerSlowerThanTheDeadlineFallsBackWhileTheServerIsStillBusy() throws Exception {
        stub.close();
        reranker.close();
        stub = new StubChatServer(content(GOOD));
        CountDownLatch release = new CountDownLatch(1);
        stub.then(after(release, content(GOOD)));
        reranker = Fixtures.reranker(Fixtures.endpoint(stub.baseUrl(), 300, 0, 100, false), 400, dir, catalog);
        List<ScoredItem> out = rerank();
        // The stub has not answered yet: the reranker gave up on its own deadline.
        assertThat(release.getCount()).isEqualTo(1);
        assertFallback(out, "fallback:timeout");
        release.countDown();
        servingContinues();
    }

    @Test
    void anOversizedBodyFallsBack() {
        stub.then(oversized(10 * 1024 * 1024));
        assertFallback(rerank(), "fallback:oversized");
        servingContinues();
    }

    @Test
    void aDroppedConnectionIsRetriedThenFallsBack() {
        stub.then(drop(), drop(), drop());
        assertFallback(rerank(), "fallback:connection");
        assertThat(stub.received()).hasSize(3);
        servingContinues();
    }

    @Test
    void answersAreCachedOnDiskSoARerunSendsNothing() throws Exception {
        reranker.close();
        reranker = Fixtures.reranker(Fixtures.endpoint(stub.baseUrl(), 1000, 2, 100, true), 3000, dir, catalog);
        assertThat(ids(rerank())).containsExactly("c4", "c2", "c1", "c5", "c3");
        reranker.close();
        // A new instance (a re-run) over the same cache folder.
        stub.setDefault(status(500, null, "the cache should have answered"));
        reranker = Fixtures.reranker(Fixtures.endpoint(stub.baseUrl(), 1000, 2, 100, true), 3000, dir, catalog);
        assertThat(ids(rerank())).containsExactly("c4", "c2", "c1", "c5", "c3");
        assertThat(stub.received()).hasSize(1);
        assertThat(reranker.stats().cacheHits()).isEqualTo(1);
        assertThat(reranker.stats().requests()).isZero();
    }

    @Test
    void anUnusableAnswerIsNotCached() throws Exception {
        reranker.close();
        reranker = Fixtures.reranker(Fixtures.endpoint(stub.baseUrl(), 1000, 2, 100, true), 3000, dir, catalog);
        stub.then(content("no idea"));
        assertFallback(rerank(), "fallback:invalid-answer");
        assertThat(ids(rerank())).containsExactly("c4", "c2", "c1", "c5", "c3");
        assertThat(stub.received()).hasSize(2);
    }

    @Test
    void theBreakerOpensAfterConsecutiveFailuresAndThenSendsNothing() {
        reranker.close();
        reranker = Fixtures.reranker(Fixtures.endpoint(stub.baseUrl(), 1000, 0, 2, false), 3000, dir, catalog);
        stub.setDefault(status(500, null, ""));
        assertFallback(rerank(), "fallback:server-error");
        assertFallback(rerank(), "fallback:server-error");
        assertFallback(rerank(), "fallback:breaker-open");
        assertThat(stub.received()).hasSize(2);
        assertThat(reranker.stats().fallbacks()).isEqualTo(3);
    }

    @Test
    void theRequestBudgetStopsCalls() {
        reranker.close();
        EndpointConfig e = new EndpointConfig(stub.baseUrl(), "stub-model", "BRAID_TEST_LLM_KEY", 1000, 4, 0, 10,
                1L, 0L, 100, 1000, 65536, 256, 0.0, "", false);
        reranker = Fixtures.reranker(e, 3000, dir, catalog);
        assertThat(rerank().get(0).reasons()).endsWith("llm");
        assertFallback(rerank(), "fallback:budget");
        assertThat(stub.received()).hasSize(1);
    }

    @Test
    void optInRerankersOnlyRerankRequestsThatAskForIt() {
        reranker.close();
        reranker = new LlmReranker(new LlmRerankConfig(
                new ChatParams(Fixtures.endpoint(stub.baseUrl(), 1000, 0, 100, false), 10, 3000), 20, 300, true),
                Fixtures.environment(dir), n -> SECRET);
        reranker.fit(Fixtures.training(catalog), dev.braid.api.component.ProgressListener.NONE);
        assertThat(ids(reranker.rerank(USER, incoming(), new float[0], 5))).containsExactlyElementsOf(CANDIDATES);
        assertThat(stub.received()).isEmpty();
        Query asks = new Query("u1", null, Set.of(), Map.of("rerank", "llm"));
        assertThat(ids(reranker.rerank(asks, incoming(), new float[0], 5))).containsExactly("c4", "c2", "c1", "c5",
                "c3");
    }

    @Test
    void errorMessagesThatEchoTheKeyAreRedacted() {
        stub.setDefault(status(401, null, "{\"error\": \"invalid api key " + SECRET + "\"}"));
        EndpointConfig e = Fixtures.endpoint(stub.baseUrl(), 1000, 0, 100, false);
        try (ChatClient c = new ChatClient(e, dir, n -> SECRET)) {
            LlmException ex = org.junit.jupiter.api.Assertions.assertThrows(LlmException.class, () -> c.complete(
                    List.of(ChatMessage.user("hi")), System.nanoTime() + TimeUnit.SECONDS.toNanos(5), new LlmStats(),
                    s -> s));
            assertThat(ex.kind()).isEqualTo(LlmException.Kind.HTTP_ERROR);
            assertThat(ex.getMessage()).contains("HTTP 401", "[redacted]").doesNotContain(SECRET);
            assertThat(c.toString()).doesNotContain(SECRET);
        }
        assertFallback(rerank(), "fallback:http-error");
        org.slf4j.LoggerFactory.getLogger(LlmRerankerTest.class).warn("last fallback: {}", rerank().get(0).reasons());
    }

    @Test
    void aMissingKeyVariableIsAClearConfigurationError() {
        EndpointConfig e = Fixtures.endpoint(stub.baseUrl(), 1000, 0, 100, false);
        IllegalArgumentException ex = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ChatClient(e, dir, n -> null));
        assertThat(ex.getMessage()).contains("endpoint.apiKeyEnv", "BRAID_TEST_LLM_KEY");
    }
}
