package dev.braid.runtime.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.braid.api.data.Catalog;
import dev.braid.api.data.Item;
import dev.braid.evaluation.split.Split;
import dev.braid.runtime.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredefinedSplitTest {
    private static final Catalog CATALOG = new Catalog(
            IntStream.range(1, 7).mapToObj(i -> Item.ofText("i" + i, "")).toList());

    @TempDir
    Path dir;

    private static EvaluationConfig.SplitConfig files(String train, String test, String validation) {
        return new EvaluationConfig.SplitConfig("files", null, null, null, train, test, validation, null, null, null,
                "rating", null, null);
    }

    private static EvaluationConfig evaluation(EvaluationConfig.SplitConfig split, String candidates) {
        return new EvaluationConfig(split, 4, List.of(10), 42, List.of("ndcg"), "", candidates, List.of(), 0);
    }

    @Test
    void readsTheFilesRelativeToTheConfigurationFolderAndAppliesTheThreshold() throws Exception {
        Files.createDirectories(dir.resolve("split"));
        Files.writeString(dir.resolve("split/train.csv"), "user,item,rating\nu1,i1,5\nu1,i2,3\nu2,i3,4\n");
        Files.writeString(dir.resolve("split/test.tsv"), "user\titem\trating\nu1,x\ti5\t5\nu2\ti6\t4\n"
                .replace("u1,x", "u1"));
        Files.writeString(dir.resolve("split/val.jsonl"), "{\"user\": \"u1\", \"item\": \"i4\", \"rating\": 5}\n");
        PredefinedSplit.Loaded loaded = PredefinedSplit.load(files("split/train.csv", "split/test.tsv",
                "split/val.jsonl"), dir, CATALOG, 4);
        Split split = loaded.split();
        // u1,i2 is rated 3 < 4: not a positive.
        assertThat(split.train()).extracting(x -> x.user() + ":" + x.item()).containsExactly("u1:i1", "u2:i3");
        assertThat(split.test()).extracting(x -> x.item()).containsExactly("i5", "i6");
        assertThat(loaded.validation()).extracting(x -> x.item()).containsExactly("i4");
        assertThat(split.describe()).containsEntry("method", "files").containsEntry("trainFile", "split/train.csv")
                .containsEntry("train", 2).containsEntry("test", 2).containsEntry("validation", 1)
                .containsKey("testFingerprint");
    }

    @Test
    void badRowsAndUnknownItemsAreErrorsNamingTheFileAndLine() throws Exception {
        Files.writeString(dir.resolve("train.csv"), "user,item,rating\nu1,i1,5\nu1,i2,great\n");
        Files.writeString(dir.resolve("test.csv"), "user,item,rating\nu1,i9,5\n");
        assertThatThrownBy(() -> PredefinedSplit.load(files("train.csv", "test.csv", null), dir, CATALOG, 0))
                .isInstanceOf(ConfigException.class).hasMessageContaining("evaluation.split.train")
                .hasMessageContaining("train.csv:3")
                .hasMessageContaining("rating 'great' is not a number");
        Files.writeString(dir.resolve("train.csv"), "user,item,rating\nu1,i1,5\n");
        assertThatThrownBy(() -> PredefinedSplit.load(files("train.csv", "test.csv", null), dir, CATALOG, 0))
                .hasMessageContaining("evaluation.split.test").hasMessageContaining("'i9' (line 2)");
    }

    @Test
    void missingFilesAreReportedBeforeAnythingRuns() {
        assertThat(PredefinedSplit.validate(files("nope.csv", null, "val.csv"), dir))
                .extracting(p -> p.path() + ": " + p.message())
                .containsExactly("evaluation.split.train: file not found: " + dir.resolve("nope.csv").toAbsolutePath(),
                        "evaluation.split.test: a files split needs a test file (interactions: CSV, TSV or JSON Lines)",
                        "evaluation.split.validation: file not found: " + dir.resolve("val.csv").toAbsolutePath());
    }

    @Test
    void candidatePolicies() {
        EvaluationConfig.SplitConfig cold = new EvaluationConfig.SplitConfig("cold-items", null, null, 0.2, null,
                null, null, null, null, null, null, null, null);
        assertThat(ExperimentRunner.candidatePolicy(evaluation(cold, ""))).isEqualTo("cold-items");
        assertThat(ExperimentRunner.candidatePolicy(evaluation(cold, "all"))).isEqualTo("all");
        assertThat(ExperimentRunner.candidatePolicy(evaluation(files("a", "b", null), ""))).isEqualTo("all");
        assertThat(ExperimentRunner.candidatePolicy(evaluation(files("a", "b", null), "Test-Items")))
                .isEqualTo("test-items");
        assertThatThrownBy(() -> ExperimentRunner.candidatePolicy(evaluation(cold, "warm")))
                .hasMessageContaining("evaluation.candidates").hasMessageContaining("unknown candidate policy 'warm'");
    }
}
