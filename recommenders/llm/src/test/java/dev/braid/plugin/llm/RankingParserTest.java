package dev.braid.plugin.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RankingParserTest {
    private static final List<String> C = List.of("10", "20", "30");

    @Test
    void readsTheRankingObjectAndCountsWhatItDropped() throws Exception {
        Ranking r = RankingParser.parse("{\"ranking\": [\"30\", 10, \"99\", \"30\"]}", C);
        assertThat(r.order()).containsExactly("30", "10", "20");
        assertThat(r.named()).isEqualTo(2);
        assertThat(r.unknown()).isEqualTo(1);
        assertThat(r.duplicates()).isEqualTo(1);
        assertThat(r.missing()).isEqualTo(1);
    }

    @Test
    void acceptsABareArrayObjectsWithIdsAndBracketsInsideStrings() throws Exception {
        assertThat(RankingParser.parse("Top [1] pick: [\"20\", \"10\", \"30\"]", C).order())
                .containsExactly("20", "10", "30");
        assertThat(RankingParser.parse("[{\"id\": \"30\", \"why\": \"a ] bracket\"}]", C).order())
                .containsExactly("30", "10", "20");
    }

    @Test
    void refusesAnswersWithoutAUsableList() {
        for (String bad : new String[] {"", "   ", "I cannot rank these.", "{\"ranking\": [\"10\"", "[\"x\", \"y\"]",
                "{\"ranking\": \"10, 20\"}"}) {
            LlmException e = assertThrows(LlmException.class, () -> RankingParser.parse(bad, C), bad);
            assertThat(e.kind()).isEqualTo(LlmException.Kind.INVALID_ANSWER);
        }
    }
}
