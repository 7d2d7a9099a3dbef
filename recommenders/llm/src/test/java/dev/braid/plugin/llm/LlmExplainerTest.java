package dev.braid.plugin.llm;

import static dev.braid.plugin.llm.Fixtures.incoming;
import static org.assertj.core.api.Assertions.assertThat;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.ScoredItem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmExplainerTest {
    private static final Query EXPLAIN = new Query("u1", null, Set.of(), Map.of("explain", "llm"));

    @TempDir
    Path dir;

    private LlmExplainer explainer(StubChatServer stub, boolean cache) {
        LlmExplainer e = new LlmExplainer(new LlmExplainConfig(
                new ChatParams(Fixtures.endpoint(stub.baseUrl(), 1000, 0, 100, cache), 10, 2000), 200, 80),
                Fixtures.environment(dir), n -> Fixtures.SECRET);
        e.fit(Fixtures.training(Fixtures.catalog("A pig who wants to herd sheep.")), ProgressListener.NONE);
        return e;
    }

    @Test
    void explainsTheShownItemsOnlyWhenAskedAndCachesTheAnswer() throws Exception {
        String answer = "{\"explanations\": {\"c1\": \"You liked Alien,\\nand this is\\tanother classic.\", "
                + "\"c2\": \"The sequel to Alien, which you rated highly.\", \"zz\": \"not a recommended item\"}}";
        try (StubChatServer stub = new StubChatServer(StubChatServer.content(answer))) {
            try (LlmExplainer e = explainer(stub, true)) {
                assertThat(e.rerank(Query.forUser("u1"), incoming(), new float[0], 3)).hasSize(3)
                        .allSatisfy(s -> assertThat(s.reasons()).containsExactly("content-profile:similar"));
                assertThat(stub.received()).isEmpty();

                List<ScoredItem> out = e.rerank(EXPLAIN, incoming(), new float[0], 3);
                assertThat(Fixtures.ids(out)).containsExactly("c1", "c2", "c3");
                assertThat(out.get(0).reasons()).containsExactly("content-profile:similar",
                        "explain:You liked Alien, and this is another classic.");
                assertThat(out.get(2).reasons()).containsExactly("content-profile:similar");
                // Only the three shown items went into the prompt.
                assertThat(stub.received().get(0).body().path("messages").get(1).path("content").asText())
                        .contains("\"c3\"").doesNotContain("\"c4\"");
            }
            try (LlmExplainer again = explainer(stub, true)) {
                assertThat(again.rerank(EXPLAIN, incoming(), new float[0], 3).get(1).reasons())
                        .endsWith("explain:The sequel to Alien, which you rated highly.");
                assertThat(again.stats().cacheHits()).isEqualTo(1);
            }
            assertThat(stub.received()).hasSize(1);
        }
    }

    @Test
    void withoutAWorkingEndpointTheEarlierReasonsRemain() throws Exception {
        try (StubChatServer stub = new StubChatServer(StubChatServer.status(503, null, "down"));
             LlmExplainer e = explainer(stub, false)) {
            List<ScoredItem> out = e.rerank(EXPLAIN, incoming(), new float[0], 5);
            assertThat(out).isEqualTo(incoming());
            assertThat(e.stats().fallbacks()).isEqualTo(1);
            stub.setDefault(StubChatServer.content("no JSON here"));
            assertThat(e.rerank(EXPLAIN, incoming(), new float[0], 5)).isEqualTo(incoming());
            assertThat(e.stats().fallbacks()).isEqualTo(2);
        }
    }

    @Test
    void longSentencesAreCutAtAWord() {
        assertThat(ExplanationPrompt.clean("one two three four five six seven eight nine ten", 20))
                .isEqualTo("one two three four…");
    }
}
