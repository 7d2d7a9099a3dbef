package dev.braid.plugin.llm;

import static dev.braid.plugin.llm.Fixtures.CANDIDATES;
import static dev.braid.plugin.llm.Fixtures.ids;
import static dev.braid.plugin.llm.Fixtures.incoming;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Catalog;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.ScoredItem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One request's LLM time is bounded by its deadline, whatever the endpoint does: against a stub that holds every
 * answer until the test releases it, the first stage falls back with {@code timeout} while the stub still holds
 * its request (the HTTP call is given up, not awaited), the next stage of the same request sends nothing, and a
 * call that finds every slot taken falls back ({@code busy}) instead of queueing past the deadline. No assertion
 * reads a clock: the latches say what the stub was doing when the stages returned.
 */
class RequestBudgetTest {
    /** A reply both stages can use: the reranker reads the ranking, the explainer the explanations. */
    private static final String BOTH = "{\"ranking\": [\"c4\", \"c2\", \"c1\", \"c5\", \"c3\"], \"explanations\": "
            + "{\"c4\": \"A cyborg hunts, like the creatures you liked.\"}}";

    @TempDir
    Path dir;
    private final Catalog catalog = Fixtures.catalog("A pig who wants to herd sheep.");
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<AutoCloseable> open = new ArrayList<>();
    private StubChatServer stub;

    @BeforeEach
    void start() throws Exception {
        stub = new StubChatServer(StubChatServer.after(release, StubChatServer.content(BOTH)));
        open.add(stub);
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private static Query request() {
        return new Query("u1", null, Set.of(), Map.of("explain", "llm"));
    }

    /** Attempts may take 5 s each with two retries: only the request's deadline can end the wait early. */
    private LlmReranker reranker(int deadlineMs) {
        LlmReranker r = Fixtures.reranker(Fixtures.endpoint(stub.baseUrl(), 5000, 2, 100, false), deadlineMs, dir,
                catalog);
        open.add(r);
        return r;
    }

    /** A breaker that opens after one failed call: a call that counted against the endpoint would show. */
    private LlmExplainer explainer(int deadlineMs) {
        LlmExplainer e = new LlmExplainer(new LlmExplainConfig(
                new ChatParams(Fixtures.endpoint(stub.baseUrl(), 5000, 2, 1, false), 10, deadlineMs), 200, 80),
                Fixtures.environment(dir), n -> Fixtures.SECRET);
        e.fit(Fixtures.training(catalog), ProgressListener.NONE);
        open.add(e);
        return e;
    }

    @Test
    void whenTheRerankSpendsTheDeadlineTheExplainOfTheSameRequestFallsBackWithoutSendingAnything() {
        LlmReranker reranker = reranker(1000);
        LlmExplainer explainer = explainer(60_000);
        Query request = request();

        List<ScoredItem> reranked = reranker.rerank(request, incoming(), new float[0], 5);
        List<ScoredItem> explained = explainer.rerank(request, reranked, new float[0], 5);

        // Both stages returned while the stub still held back every answer: nobody waited for one. The reranker
        // sent one attempt and no retry (its deadline had passed).
        assertThat(release.getCount()).isEqualTo(1);
        assertThat(ids(reranked)).containsExactlyElementsOf(CANDIDATES);
        assertThat(reranked).allSatisfy(s -> assertThat(s.reasons()).endsWith("fallback:timeout"));
        assertThat(reranker.stats().requests()).isEqualTo(1);
        assertThat(reranker.stats().failures(LlmException.Kind.TIMEOUT)).isEqualTo(1);
        // The explainer's own 60 s budget did not apply: the request's deadline, started by the reranker, had passed.
        assertThat(explained).isEqualTo(reranked);
        assertThat(explainer.stats().requests()).isZero();
        assertThat(explainer.stats().failures(LlmException.Kind.TIMEOUT)).isEqualTo(1);
        assertThat(explainer.stats().fallbacks()).isEqualTo(1);

        // A spent budget says nothing about the endpoint: the explainer's breaker (one failure opens it) stayed
        // closed, and the next request is explained.
        release.countDown();
        Query next = request();
        List<ScoredItem> out = explainer.rerank(next, reranker.rerank(next, incoming(), new float[0], 5),
                new float[0], 5);
        assertThat(ids(out)).containsExactly("c4", "c2", "c1", "c5", "c3");
        assertThat(out.get(0).reasons()).endsWith("explain:A cyborg hunts, like the creatures you liked.");
        assertThat(explainer.stats().failures(LlmException.Kind.BREAKER_OPEN)).isZero();
    }

    @Test
    void aCallThatFindsEverySlotTakenFallsBackAtItsDeadlineInsteadOfQueueing() throws Exception {
        CountDownLatch arrived = new CountDownLatch(4);
        stub.setDefault(new StubChatServer.Reply() {
            @Override
            public void send(HttpExchange ex, JsonNode request) throws IOException {
                arrived.countDown();
                StubChatServer.after(release, StubChatServer.content(BOTH)).send(ex, request);
            }
        });
        LlmReranker patient = reranker(60_000);
        ExecutorService users = Executors.newFixedThreadPool(4);
        try {
            // Fixtures.endpoint allows 4 requests in flight: four requests take every slot and wait in the stub.
            List<Future<List<ScoredItem>>> held = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                held.add(users.submit(() -> patient.rerank(request(), incoming(), new float[0], 5)));
            }
            assertThat(arrived.await(30, TimeUnit.SECONDS)).isTrue();

            // A request whose deadline an earlier stage started with 1 s: it gives up on the slot at its
            // deadline, sends nothing, and keeps the incoming order.
            Query hurried = request();
            RequestDeadline.of(hurried, TimeUnit.SECONDS.toNanos(1));
            List<ScoredItem> out = patient.rerank(hurried, incoming(), new float[0], 5);
            assertThat(release.getCount()).isEqualTo(1);
            assertThat(ids(out)).containsExactlyElementsOf(CANDIDATES);
            assertThat(out).allSatisfy(s -> assertThat(s.reasons()).endsWith("fallback:busy"));
            assertThat(stub.received()).hasSize(4);
            assertThat(patient.stats().failures(LlmException.Kind.BUSY)).isEqualTo(1);

            release.countDown();
            for (Future<List<ScoredItem>> f : held) {
                assertThat(ids(f.get(30, TimeUnit.SECONDS))).containsExactly("c4", "c2", "c1", "c5", "c3");
            }
        } finally {
            release.countDown();
            users.shutdown();
        }
    }
}
