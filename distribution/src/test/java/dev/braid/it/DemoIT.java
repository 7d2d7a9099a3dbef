package dev.braid.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Braid's main job end to end through the launcher: the demo experiment on the generated catalog, its reports,
 * and the vector cache on a second run.
 */
@Tag("slow")
class DemoIT {
    @TempDir
    Path dir;

    @Test
    void theFusedVariantBeatsEverySingleModalityAndASecondRunReusesTheVectors() throws Exception {
        Path cache = dir.resolve("cache");
        Path json = dir.resolve("demo.json");
        Path html = dir.resolve("demo.html");
        Launcher.Result first = Launcher.run(cache, 600, "demo", "--json-out", json.toString(), "--html-out",
                html.toString());
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(first.stdout()).contains("fused", "text-only", "image-only", "audio-only", "ndcg@10");

        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.path("protocol").path("seed").asLong()).isEqualTo(42);
        double fused = ndcg(report, "fused");
        for (String single : new String[] {"text-only", "image-only", "audio-only", "popularity"}) {
            assertThat(fused).as("fused vs " + single).isGreaterThan(ndcg(report, single));
        }
        assertThat(Files.readString(html)).contains("<img", "fused", "image-only");
        // concat chose its weights on a validation split; the learned strategies say what they kept and why
        assertThat(details(report, "fused").path("fit_summary").asText()).contains("chosen on validation");
        assertThat(details(report, "fused").path("modality_weights").size()).isEqualTo(3);
        for (String learned : new String[] {"gated", "transformer"}) {
            assertThat(details(report, learned).path("fit_summary").asText()).as(learned).contains(" kept", "AUC");
        }
        assertThat(first.stdout()).contains("Fusion:");

        Launcher.Result second = Launcher.run(cache, 600, "demo", "--json-out", json.toString());
        assertThat(second.exitCode()).as(second.stderr()).isZero();
        JsonNode again = new ObjectMapper().readTree(json.toFile());
        assertThat(ndcg(again, "fused")).as("same seed, same result").isEqualTo(fused);
        for (JsonNode r : again.path("results")) {
            if (!r.path("variant").asText().equals("popularity")) {
                assertThat(r.path("details").path("vectors_from_cache").asInt()).as(r.path("variant").asText())
                        .isGreaterThan(2500);
            }
        }
    }

    private static JsonNode details(JsonNode report, String variant) {
        for (JsonNode r : report.path("results")) {
            if (r.path("variant").asText().equals(variant)) {
                return r.path("details");
            }
        }
        throw new AssertionError("no variant " + variant);
    }

    private static double ndcg(JsonNode report, String variant) {
        for (JsonNode r : report.path("results")) {
            if (r.path("variant").asText().equals(variant)) {
                return r.path("metrics").path("ndcg@10").asDouble();
            }
        }
        throw new AssertionError("no variant " + variant);
    }
}
