package dev.braid.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.braid.api.component.ProgressListener;
import dev.braid.evaluation.report.VariantResult;
import dev.braid.runtime.BraidHome;
import dev.braid.runtime.BraidRuntime;
import dev.braid.runtime.config.BraidConfig;
import dev.braid.runtime.pipeline.ExperimentRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluate stage computes, in Spark, the metrics {@code braid run} reports for the same configuration and split:
 * MovieLens-100k, ratings of 4 and more as positives, random 80/20 split, ALS trained in Spark, its factors loaded by
 * the {@code als} generator in {@code braid run}'s experiment runner.
 */
@Tag("slow")
class AlsEvaluateTest {
    private static final Path ML100K = Path.of("../../../shared/datasets/ml-100k").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void sparkMetricsEqualBraidRunOnMovieLens100k() throws Exception {
        assumeTrue(Files.isRegularFile(ML100K.resolve("u.data")), "MovieLens 100K not found under " + ML100K
                + "; skipping");
        Path out = dir.resolve("out");
        Path config = dir.resolve("als.yaml");
        Files.writeString(config, """
                name: als-ml100k
                dataset: {type: movielens, path: %s}
                generators: [{name: als, rank: 32, iterations: 10, regParam: 0.05, alpha: 10, seed: 7, model: out/als-split.model}]
                evaluation: {split: {type: random, ratio: 0.8}, threshold: 4, k: [10, 20], seed: 42}
                spark: {partitions: 2, cache: %s}
                """.formatted(ML100K, dir.resolve("cache")));
        SparkSession spark = SparkFixture.local();
        AlsStages.Evaluation spark100k;
        try {
            spark100k = AlsStages.evaluate(spark, JobSpec.load(config), out.toString());
        } finally {
            spark.stop();
        }
        assertThat(spark100k.users()).isGreaterThan(600);
        assertThat(spark100k.metrics().get("ndcg@10")).isGreaterThan(0.1);

        try (BraidRuntime rt = BraidRuntime.onClassPath(new BraidHome(dir, dir.resolve("cache")),
                getClass().getClassLoader())) {
            ExperimentRunner runner = new ExperimentRunner(rt, ProgressListener.NONE);
            ExperimentRunner.Report report = runner.run(runner.validate(BraidConfig.load(config)));
            VariantResult braid = report.results().get(0);
            for (String key : List.of("precision@10", "recall@10", "ndcg@10", "map@10", "ndcg@20", "recall@20",
                    "hit_rate@10", "mrr@10", "coverage@10")) {
                Double local = braid.metrics().get(key);
                if (local != null) {
                    assertThat(spark100k.metrics().get(key)).as(key).isCloseTo(local,
                            org.assertj.core.data.Offset.offset(1e-9));
                }
            }
            assertThat(braid.metrics()).containsKey("ndcg@10");
            Map<String, Double> m = spark100k.metrics();
            assertThat(m.get("ndcg@10")).isEqualTo(braid.metrics().get("ndcg@10"),
                    org.assertj.core.data.Offset.offset(1e-9));
        }
    }
}
