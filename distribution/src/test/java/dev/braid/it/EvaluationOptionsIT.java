package dev.braid.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation options end to end through the launcher on a small tabular dataset: a predefined split read from
 * files (relative to the configuration), the test-items candidate policy, several seeds, and the warm/cold rows.
 */
class EvaluationOptionsIT {
    @TempDir
    Path dir;

    private static final String CONFIG = """
            dataset:
              type: tabular
              catalog: {file: data/catalog.tsv, id: id, title: title, text: [title]}
              interactions: {file: data/interactions.tsv}
            generators: [popularity]
            variants:
              - {name: first}
              - {name: second}
            evaluation:
              split: {type: files, train: split/train.tsv, test: split/test.tsv, validation: split/validation.tsv}
              candidates: test-items
              k: [5]
              seeds: [1, 2]
              metrics: [ndcg]
            """;

    @Test
    void aPredefinedSplitWithSeveralSeedsReportsWarmAndColdRows() throws Exception {
        Distribution.writeStaircaseData(dir, i -> "g");
        Path split = Files.createDirectories(dir.resolve("split"));
        // u1 keeps i3 (seen by others: a warm item) and i15 (seen by nobody: a cold item) for test; u11 has no
        // training interaction (a cold user).
        StringBuilder train = new StringBuilder("user\titem\trating\n");
        for (int u = 1; u <= 10; u++) {
            for (int i = 1; i <= 11 - u; i++) {
                if (!(u == 1 && i == 3)) {
                    train.append("u").append(u).append("\ti").append(i).append("\t5\n");
                }
            }
        }
        Files.writeString(split.resolve("train.tsv"), train);
        Files.writeString(split.resolve("test.tsv"), "user\titem\trating\nu1\ti3\t5\nu1\ti15\t5\nu11\ti1\t5\n");
        Files.writeString(split.resolve("validation.tsv"), "user\titem\trating\nu2\ti12\t5\n");
        Launcher.Report run = Launcher.runExperiment(dir, "options", CONFIG, 300);
        assertThat(run.stdout()).contains("Warm and cold", "cold users", "cold items", "±",
                "Compared with the baseline 'first'");
        JsonNode report = run.json();
        assertThat(report.at("/protocol/split/method").asText()).isEqualTo("files");
        assertThat(report.at("/protocol/split/trainFile").asText()).isEqualTo("split/train.tsv");
        assertThat(report.at("/protocol/split/validation").asInt()).isEqualTo(1);
        assertThat(report.at("/protocol/split/seeds").toString()).isEqualTo("[1,2]");
        assertThat(report.at("/protocol/candidates").asText()).startsWith("items of the test interactions only, 3");
        JsonNode first = report.at("/results/0");
        assertThat(first.at("/details/metrics_sd/ndcg@5").asDouble()).isZero(); // same split, same model
        assertThat(first.at("/details/segments/cold users/users").asDouble()).isEqualTo(1);
        // u1 has a warm (i3) and a cold (i15) test item, u11 a warm one (i1).
        assertThat(first.at("/details/segments/warm items/users").asDouble()).isEqualTo(2);
        assertThat(first.at("/details/segments/cold items/users").asDouble()).isEqualTo(1);
        // Two users per seed, pooled over two seeds; identical variants: no difference.
        JsonNode second = report.at("/results/1/statistics/ndcg@5/vsBaseline");
        assertThat(second.path("users").asInt()).isEqualTo(4);
        assertThat(second.path("tTestP").asDouble()).isEqualTo(1.0);
        assertThat(second.path("verdict").asText()).isEqualTo("NOT_SIGNIFICANT");

        Files.writeString(split.resolve("test.tsv"), "user\titem\trating\nu1\ti99\t5\n");
        Launcher.Result bad = Launcher.run(dir.resolve("cache"), 300, "run", "--config", run.config().toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).contains("evaluation.split.test", "test.tsv", "'i99' (line 2)");
    }
}
