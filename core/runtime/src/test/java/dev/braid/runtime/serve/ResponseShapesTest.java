package dev.braid.runtime.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON the records produce is the shape clients (and the page) read. */
class ResponseShapesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRecommendedItemIsItsSummaryWithScoreAndReasons() throws Exception {
        ItemSummary it = new ItemSummary("i1", "Item 1", Map.of("genre", List.of("Drama")), "/items/i1/image");
        assertThat(JSON.writeValueAsString(new RecommendedItem(it, 2.5, List.of("popularity:popular"), null)))
                .isEqualTo("{\"id\":\"i1\",\"title\":\"Item 1\",\"attributes\":{\"genre\":[\"Drama\"]},"
                        + "\"image\":\"/items/i1/image\",\"score\":2.5,\"reasons\":[\"popularity:popular\"]}");
        ItemSummary noImage = new ItemSummary("i2", "Item 2", Map.of(), null);
        assertThat(JSON.writeValueAsString(new RecommendedItem(noImage, 1, List.of("llm:explain:Because."),
                RecommendedItem.explanation(List.of("llm:explain:Because.")))))
                .isEqualTo("{\"id\":\"i2\",\"title\":\"Item 2\",\"attributes\":{},\"score\":1.0,"
                        + "\"reasons\":[\"llm:explain:Because.\"],\"explanation\":\"Because.\"}");
    }

    @Test
    void aListingLeavesOutWhatDoesNotApply() throws Exception {
        Listing byUser = new Listing("a", 3, "u1", List.of(), null, null, null);
        assertThat(JSON.writeValueAsString(byUser))
                .isEqualTo("{\"variant\":\"a\",\"generation\":3,\"user\":\"u1\",\"items\":[]}");
        Listing byExample = new Listing("a", 3, null, List.of(), List.of("text"), List.of("audio"), null);
        assertThat(JSON.writeValueAsString(byExample)).isEqualTo("{\"variant\":\"a\",\"generation\":3,\"items\":[],"
                + "\"encoded\":[\"text\"],\"ignored\":[\"audio\"]}");
        Listing fallback = new Listing("a", 3, "zed", List.of(), null, null, "popular: user unknown");
        assertThat(JSON.readTree(JSON.writeValueAsString(fallback)).get("fallback").asText())
                .isEqualTo("popular: user unknown");
    }

    @Test
    void healthShowsAVariantWithoutLiveGenerationAsNull() throws Exception {
        Map<String, HealthHandler.VariantHealth> variants = new LinkedHashMap<>();
        variants.put("a", new HealthHandler.VariantHealth(1.0, null, null));
        assertThat(JSON.writeValueAsString(new HealthHandler.Health("down", variants)))
                .isEqualTo("{\"status\":\"down\",\"variants\":{\"a\":{\"share\":1.0,\"generation\":null}}}");
    }

    @Test
    void experimentFiguresSitBesideShareAndGeneration() throws Exception {
        var stats = new ServeMetrics.VariantStats(10, 2, 0.2, 1.5, 1.0, 4.0);
        assertThat(JSON.readTree(JSON.writeValueAsString(new ExperimentsHandler.VariantExperiment(0.5, 1, stats))))
                .isEqualTo(JSON.readTree("{\"share\":0.5,\"generation\":1,\"recommendations\":10,\"clicks\":2,"
                        + "\"clickThrough\":0.2,\"meanLatencyMs\":1.5,\"p50LatencyMs\":1.0,\"p99LatencyMs\":4.0}"));
    }
}
