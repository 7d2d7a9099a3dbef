package dev.braid.runtime.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginMetricsTest {

    @Test
    void labelsSamplesWithVariantAndComponentAndGroupsThemByName() {
        Map<String, Double> rerank = new LinkedHashMap<>();
        rerank.put("llm_fallbacks_total", 3.0);
        rerank.put("llm_failures_total{kind=\"timeout\"}", 2.0);
        Map<String, Map<String, Map<String, Double>>> in = new LinkedHashMap<>();
        in.put("a", Map.of("llm-rerank", rerank));
        in.put("b\"x", Map.of("llm-rerank", Map.of("llm_fallbacks_total", 1.0, "Bad-Name!", 4.0)));
        String text = PluginMetrics.scrape(in);
        assertThat(text).contains("# TYPE braid_plugin_llm_fallbacks_total counter\n"
                + "braid_plugin_llm_fallbacks_total{variant=\"a\",component=\"llm-rerank\"} 3.0\n"
                + "braid_plugin_llm_fallbacks_total{variant=\"b\\\"x\",component=\"llm-rerank\"} 1.0\n");
        assertThat(text).contains(
                "braid_plugin_llm_failures_total{variant=\"a\",component=\"llm-rerank\",kind=\"timeout\"} 2.0");
        assertThat(text).contains("braid_plugin_bad_name_{variant=\"b\\\"x\",component=\"llm-rerank\"} 4.0");
    }

    @Test
    void ownLabelsThatWouldBreakTheFormatAreDropped() {
        String text = PluginMetrics.scrape(Map.of("a", Map.of("x", Map.of("m{kind=\"a\"} 9\nevil{", 1.0))));
        assertThat(text.lines().filter(l -> !l.startsWith("#")).toList())
                .containsExactly("braid_plugin_m{variant=\"a\",component=\"x\"} 1.0");
    }

    @Test
    void theExplanationIsTheSentenceOfAnExplainReason() {
        assertThat(RecommendedItem.explanation(List.of("content-profile:similar", "llm-explain:explain:You liked it.")))
                .isEqualTo("You liked it.");
        assertThat(RecommendedItem.explanation(List.of("rules:boost", "explain:x"))).isNull();
    }
}
