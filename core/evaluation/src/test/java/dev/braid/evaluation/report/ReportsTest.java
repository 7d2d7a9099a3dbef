package dev.braid.evaluation.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.braid.evaluation.UserMetrics;
import dev.braid.evaluation.stats.Comparisons;

import static org.assertj.core.api.Assertions.assertThat;

class ReportsTest {

    private static final Protocol PROTOCOL = new Protocol("movielens-100k",
            Map.of("method", "stratified", "trainRatio", 0.75), 42, 4.0, List.of(5, 10),
            "all catalog items minus each user's training items", List.of("ndcg", "recall", "auc"), "random (seed 42)", "text-only");

    private static List<VariantResult> results() {
        Map<String, Double> a = new LinkedHashMap<>();
        a.put("ndcg@5", 0.12345);
        a.put("ndcg@10", 0.2);
        a.put("recall@10", 0.3);
        a.put("auc", 0.8);
        Map<String, Double> b = new LinkedHashMap<>();
        b.put("ndcg@5", 0.1);
        b.put("ndcg@10", 0.25);
        b.put("auc", 0.7);
        return List.of(
                new VariantResult("text-only", a, Map.of("encode", 12.5, "fit", 3.0),
                        Map.of("text", 1.0), Map.of("fusion", "none")),
                new VariantResult("text+image <late>", b, Map.of("encode", 40.0),
                        Map.of("text", 1.0, "image", 0.9), Map.of()));
    }

    @Test
    void jsonHasExactlyProtocolAndResults(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("report.json");
        Files.write(file, JsonReport.toBytes(PROTOCOL, results()));
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertThat(root.fieldNames()).toIterable().containsExactly("protocol", "results");
        assertThat(root.at("/protocol/dataset").asText()).isEqualTo("movielens-100k");
        assertThat(root.at("/protocol/split/method").asText()).isEqualTo("stratified");
        assertThat(root.at("/protocol/ks/1").asInt()).isEqualTo(10);
        assertThat(root.at("/protocol/threshold").asDouble()).isEqualTo(4.0);
        assertThat(root.at("/protocol/ties").asText()).isEqualTo("random (seed 42)");
        JsonNode first = root.at("/results/0");
        assertThat(first.fieldNames()).toIterable()
                .containsExactly("variant", "metrics", "timings", "modalityCoverage", "details", "statistics");
        assertThat(first.get("variant").asText()).isEqualTo("text-only");
        assertThat(first.at("/metrics/ndcg@10").asDouble()).isEqualTo(0.2);
        assertThat(first.at("/timings/encode").asDouble()).isEqualTo(12.5);
        assertThat(root.at("/results/1/modalityCoverage/image").asDouble()).isEqualTo(0.9);
        // Written atomically: no temp file is left beside the report.
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void jsonReplacesAnExistingReport(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("report.json");
        Files.writeString(file, "old");
        Files.write(file, JsonReport.toBytes(PROTOCOL, results().subList(0, 1)));
        assertThat(new ObjectMapper().readTree(file.toFile()).get("results").size()).isEqualTo(1);
    }

    @Test
    void htmlEmbedsChartsAndNamesVariants(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("report.html");
        Files.writeString(file, HtmlReport.render(PROTOCOL, results()));
        String html = Files.readString(file);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("text-only")
                .contains("text+image &lt;late&gt;").doesNotContain("<late>")
                .contains("movielens-100k").contains("split.method")
                .contains("<tr><th>ties</th><td>random (seed 42)</td></tr>");
        // Charts: ndcg at K, recall at K, metrics without K (auc), modality coverage, timings.
        Matcher images = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int count = 0;
        while (images.find()) {
            byte[] png = Base64.getDecoder().decode(images.group(1));
            assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            count++;
        }
        assertThat(count).isEqualTo(5);
        // The best ndcg@10 (0.25, second variant) is bold.
        assertThat(html).contains("<b>0.2500</b>").doesNotContain("<b>0.2000</b>");
    }

    @Test
    void terminalTableAlignsColumns() {
        String table = TerminalTable.render(results(), List.of("ndcg@10", "recall@10"));
        String[] lines = table.split("\n");
        // header, rule, one row per variant
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("variant").endsWith("recall@10");
        assertThat(lines[2]).startsWith("text-only").contains("0.2000").endsWith("0.3000");
        assertThat(lines[3]).startsWith("text+image <late>").contains("0.2500").endsWith("-");
        // Right-aligned numbers: every line has the same length.
        assertThat(lines).extracting(String::length).containsOnly(lines[0].length());
        assertThat(TerminalTable.render(results())).contains("ndcg@5").contains("auc").contains("0.1235");
    }

    @Test
    void theRandomLevelIsAReferenceRowWhenTheResultsCarryIt() {
        assertThat(TerminalTable.render(results())).doesNotContain("(random, expected)");
        List<VariantResult> withRandom = List.of(new VariantResult("pop", Map.of("ndcg@10", 0.05), Map.of(),
                Map.of(), Map.of("random_expected", Map.of("ndcg@10", 0.0421))));
        String table = TerminalTable.render(withRandom, List.of("ndcg@10", "f1@10"));
        assertThat(table.split("\n")[3]).startsWith("(random, expected)").contains("0.0421").endsWith("-");
        assertThat(HtmlReport.render(PROTOCOL, withRandom)).contains("<i>(random, expected)</i>")
                .contains("<i>0.0421</i>");
    }

    @Test
    void comparisonsWithTheBaselineAppearInEveryReport() throws IOException {
        UserMetrics base = new UserMetrics(List.of("u1", "u2", "u3", "u4", "u5", "u6"),
                Map.of("ndcg@10", new double[] {0.1, 0.2, 0.0, 0.3, 0.1, 0.2}));
        UserMetrics better = new UserMetrics(List.of("u1", "u2", "u3", "u4", "u5", "u6"),
                Map.of("ndcg@10", new double[] {0.5, 0.6, 0.4, 0.8, 0.6, 0.7}));
        List<VariantResult> results = List.of(
                new VariantResult("text-only", Map.of("ndcg@10", 0.15), Map.of(), Map.of(), Map.of())
                        .withStatistics(Comparisons.of(base, null)),
                new VariantResult("fused", Map.of("ndcg@10", 0.6), Map.of(), Map.of(), Map.of())
                        .withStatistics(Comparisons.of(better, base)));
        // Six users, all better by 0.4 to 0.5: t-test p < 0.001; Wilcoxon exact p = 2 / 2^6 = 0.03125.
        assertThat(results.get(1).statistics().get("ndcg@10").vsBaseline().wilcoxonP())
                .isCloseTo(0.03125, org.assertj.core.api.Assertions.within(1e-12));
        String table = TerminalTable.render(results, List.of("ndcg@10"));
        assertThat(table).contains("0.6000▲").contains("text-only  0.1500\n");
        String comparisons = TerminalTable.comparisons(results, List.of("ndcg@10"), "text-only");
        assertThat(comparisons).contains("baseline 'text-only'", "p Wilcoxon", "0.0313", "+0.4500", "+300.0%", "▲",
                "both p < 0.05");
        assertThat(comparisons.lines().filter(l -> l.startsWith("text-only")).findFirst().orElseThrow())
                .contains("baseline").doesNotContain("▲");
        assertThat(TerminalTable.comparisons(results(), List.of("ndcg@10"), "x")).isEmpty();

        JsonNode root = new ObjectMapper().readTree(JsonReport.toBytes(PROTOCOL, results));
        assertThat(root.at("/protocol/baseline").asText()).isEqualTo("text-only");
        JsonNode c = root.at("/results/1/statistics/ndcg@10/vsBaseline");
        assertThat(c.path("verdict").asText()).isEqualTo("BETTER");
        assertThat(c.path("tTestP").asDouble()).isLessThan(0.001);
        assertThat(c.path("low").asDouble()).isGreaterThan(0.3);
        assertThat(root.at("/results/0/statistics/ndcg@10/interval/n").asInt()).isEqualTo(6);
        assertThat(root.at("/results/0/statistics/ndcg@10/vsBaseline").isNull()).isTrue();

        String html = HtmlReport.render(PROTOCOL, results);
        assertThat(html).contains("<h2>Compared with the baseline</h2>", "0.6000</b>▲", "0.0313",
                "<tr><th>baseline</th><td>text-only</td></tr>");
    }

    @Test
    void seedSpreadAndWarmColdRowsWhenTheResultsCarryThem() {
        Map<String, Object> details = Map.of("metrics_sd", Map.of("ndcg@10", 0.0123),
                "segments", Map.of("cold users", Map.of("users", 7.0, "ndcg@10", 0.05)));
        List<VariantResult> results = List.of(new VariantResult("v", Map.of("ndcg@10", 0.2), Map.of(), Map.of(),
                details));
        assertThat(TerminalTable.render(results, List.of("ndcg@10"))).contains("0.2000±0.0123");
        String segments = TerminalTable.segments(results, List.of("ndcg@10", "recall@10"));
        assertThat(segments).startsWith("Warm and cold");
        assertThat(segments.lines().filter(l -> l.startsWith("v ")).findFirst().orElseThrow())
                .contains("cold users").contains("7").contains("0.0500").endsWith("-");
        assertThat(TerminalTable.segments(results(), List.of("ndcg@10"))).isEmpty();
        assertThat(HtmlReport.render(PROTOCOL, results)).contains("<h2>Warm and cold</h2>", "0.2000±0.0123",
                "<td>cold users</td>");
    }
}
