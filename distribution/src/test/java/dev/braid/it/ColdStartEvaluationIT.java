package dev.braid.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped cold-start configuration ({@code conf/movielens-100k-cold.yaml}: 20% of the MovieLens items cold, only
 * they are candidates) with its popularity, single-modality and fused variants (the reference variants left out for
 * time). Popularity scores every cold item 0, so with random tie-breaking it must measure at the random level: the
 * 95% interval of its mean NDCG@10 contains the expectation of a random ranking. The fused default must beat every
 * single modality by at least 5% (relative NDCG@10), significantly under the paired tests. Skips when MovieLens is
 * not beside the project ({@code ../shared/datasets} or {@code $BRAID_DATASETS}).
 */
@Tag("slow")
class ColdStartEvaluationIT {
    @TempDir
    Path dir;

    @Test
    void popularityMeasuresAtTheRandomLevelAndFusionBeatsEverySingleModality() throws Exception {
        String env = System.getenv("BRAID_DATASETS");
        Path datasets = (env != null ? Path.of(env)
                : Path.of(System.getProperty("braid.shared", "../../shared"), "datasets")).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(datasets.resolve("ml-100k")) && Files.isDirectory(datasets.resolve("ml-100k-mm")),
                "MovieLens 100K (ml-100k, ml-100k-mm) not found under " + datasets + "; skipping");
        String shipped = Files.readString(Distribution.root().resolve("conf/movielens-100k-cold.yaml"));
        String yaml = shipped.replace("${BRAID_DATASETS:-../../../../../shared/datasets}", datasets.toString());
        for (String v : new String[] {"popularity", "text-only", "image-only", "attributes-only", "fused"}) {
            assertThat(yaml).as("the shipped file has the variant " + v)
                    .containsAnyOf("{name: " + v + ",", "{name: " + v + "}");
        }
        yaml = yaml.replaceAll("(?m)^  - \\{name: (content-profile|vbpr|fused-mlp)[^\n]*\n", "")
                .replaceAll("(?s)\noutput:.*", "\n");

        Launcher.Report run = Launcher.runExperiment(dir, "cold", yaml, 600);
        assertThat(run.stdout()).contains("ties: random (seed 42)", "(random, expected)",
                "Compared with the baseline 'fused'", "p Wilcoxon");

        JsonNode report = run.json();
        assertThat(report.at("/protocol/baseline").asText()).isEqualTo("fused");
        JsonNode popularity = variant(report, "popularity");
        double random = popularity.at("/details/random_expected/ndcg@10").asDouble();
        JsonNode interval = popularity.at("/statistics/ndcg@10/interval");
        assertThat(random).isBetween(interval.path("low").asDouble(), interval.path("high").asDouble());
        JsonNode auc = popularity.at("/statistics/auc/interval");
        assertThat(0.5).isBetween(auc.path("low").asDouble(), auc.path("high").asDouble());

        double fused = variant(report, "fused").at("/metrics/ndcg@10").asDouble();
        for (String single : new String[] {"text-only", "image-only", "attributes-only"}) {
            JsonNode v = variant(report, single);
            JsonNode vs = v.at("/statistics/ndcg@10/vsBaseline");
            assertThat(vs.path("verdict").asText()).as(single + " vs fused: " + vs).isEqualTo("WORSE");
            assertThat(fused / v.at("/metrics/ndcg@10").asDouble()).as("fused over " + single)
                    .isGreaterThanOrEqualTo(1.05);
        }
    }

    private static JsonNode variant(JsonNode report, String name) {
        for (JsonNode r : report.path("results")) {
            if (r.path("variant").asText().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no variant " + name);
    }
}
