package dev.braid.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on the loopback interface ({@link LoopbackSparkCluster}: a master and two workers,
 * executors in JVMs of their own). The job (encode, fuse, recommend) is submitted from this JVM as a client-mode
 * driver, and its outputs are checked.
 */
@Tag("slow")
class StandaloneClusterIT {
    @TempDir
    Path dir;

    @Test
    void encodesAndRecommendsOnAStandaloneClusterWithTwoWorkers() throws Exception {
        try (LoopbackSparkCluster cluster = LoopbackSparkCluster.start(dir, 2, 1, "700m")) {
            run(cluster);
        }
    }

    private void run(LoopbackSparkCluster cluster) throws Exception {
        Path config = SparkFixture.catalog(dir, 60, 20, """
                encoders: {text: {name: minilm, parallelCalls: 1, threads: 1}}
                fusion: concat
                generators: [content-profile, {name: rules, excludeSeen: true}]
                """, "spark: {partitions: 4, batchSize: 16, k: 5, cache: %s}\n".formatted(dir.resolve("cache")));
        String out = dir.resolve("out").toString();
        SparkSession spark = cluster.session("braid-standalone-it", "512m");
        try {
            List<String> summary = BraidJob.run(spark, JobSpec.load(config), BraidJob.Stage.ALL, out);
            assertThat(summary).hasSize(2);
            // Two executors, in JVMs of their own (the driver is listed too).
            assertThat(spark.sparkContext().statusTracker().getExecutorInfos()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(spark.read().parquet(out + "/items").count()).isEqualTo(60);
            Set<String> failed = spark.read().parquet(out + "/errors").collectAsList().stream()
                    .map(r -> r.getString(0)).collect(Collectors.toSet());
            assertThat(failed).containsExactlyInAnyOrder("m5", "m22", "m39", "m56");
            List<Row> recs = spark.read().parquet(out + "/recommendations").collectAsList();
            assertThat(recs.stream().map(r -> r.getString(0)).distinct().count()).isEqualTo(20);
            assertThat(recs).allSatisfy(r -> assertThat(r.getInt(1)).isBetween(1, 5));
        } finally {
            spark.stop();
        }
        // Each worker launched an executor JVM for the application (its work folder holds the executor's logs).
        for (int w = 0; w < 2; w++) {
            try (var apps = Files.list(cluster.workDir(w))) {
                assertThat(apps.filter(p -> p.getFileName().toString().startsWith("app-")).count()).as("worker " + w)
                        .isEqualTo(1);
            }
        }
    }
}
