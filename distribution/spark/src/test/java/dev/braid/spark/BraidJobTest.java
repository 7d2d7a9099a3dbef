package dev.braid.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.ScoredItem;
import dev.braid.datasets.Dataset;
import dev.braid.runtime.BraidHome;
import dev.braid.runtime.BraidRuntime;
import dev.braid.runtime.config.BraidConfig;
import dev.braid.runtime.generation.Generation;
import dev.braid.runtime.generation.PipelineData;
import dev.braid.runtime.pipeline.CatalogEncoding;
import dev.braid.runtime.pipeline.DatasetLoader;
import dev.braid.runtime.pipeline.ExperimentRunner;
import dev.braid.runtime.pipeline.PipelineServices;
import dev.braid.testkit.Vectors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BraidJob in local mode against the same engine on one machine ({@code braid encode}, a built generation). */
class BraidJobTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkFixture.local();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static final String PIPELINE = """
            encoders: {text: {name: minilm, parallelCalls: 1, threads: 1}}
            fusion: concat
            generators: [content-profile, {name: rules, excludeSeen: true}]
            """;

    @Test
    void encodesLikeBraidEncodeAndRecommendsLikeTheBuiltPipeline() throws Exception {
        Path config = SparkFixture.catalog(dir, 80, 30, PIPELINE, """
                spark: {partitions: 3, batchSize: 16, k: 5, cache: %s}
                """.formatted(dir.resolve("executor-cache")));
        String out = dir.resolve("out").toString();
        int engines = ExecutorEngine.engines();
        List<String> summary = BraidJob.run(spark, JobSpec.load(config), BraidJob.Stage.ALL, out);
        assertThat(summary).hasSize(2);
        assertThat(summary.get(0)).startsWith("encode: 80 items, 5 failures");

        // Items: id, text vector (or null), fused vector; errors: the blank plots, as MISSING.
        List<Row> items = spark.read().parquet(out + "/items").collectAsList();
        assertThat(spark.read().parquet(out + "/items").columns()).containsExactly("id", "text", "fused");
        assertThat(items).hasSize(80);
        Map<String, float[]> sparkText = new HashMap<>();
        for (Row r : items) {
            float[] v = EncodeStage.floats(r, 1);
            if (v != null) {
                sparkText.put(r.getString(0), v);
                assertThat(EncodeStage.floats(r, 2)).hasSize(384);
            }
        }
        Set<String> sparkFailed = spark.read().parquet(out + "/errors").collectAsList().stream()
                .peek(r -> assertThat(r.getString(2)).isEqualTo("MISSING"))
                .map(r -> r.getString(0)).collect(Collectors.toSet());

        // The same configuration through braid encode's code on one machine.
        Path single = dir.resolve("single");
        try (BraidRuntime rt = BraidRuntime.onClassPath(new BraidHome(dir, dir.resolve("cache")),
                getClass().getClassLoader())) {
            ExperimentRunner.Validated v = new ExperimentRunner(rt, ProgressListener.NONE)
                    .validate(BraidConfig.load(config));
            new CatalogEncoding(rt, ProgressListener.NONE).run(v, single);

            Map<String, float[]> local = readNpy(single.resolve("text.npy"), single.resolve("text.ids.txt"));
            assertThat(sparkText.keySet()).isEqualTo(local.keySet());
            for (Map.Entry<String, float[]> e : local.entrySet()) {
                assertThat(Vectors.cosine(e.getValue(), sparkText.get(e.getKey()))).as(e.getKey()).isGreaterThan(0.9999);
            }
            Set<String> localFailed = Files.readAllLines(single.resolve("errors.tsv")).stream().skip(1)
                    .map(l -> l.split("\t")[0]).collect(Collectors.toSet());
            assertThat(sparkFailed).isEqualTo(localFailed).hasSize(5);

            // Recommendations: the built pipeline's top 5 for each user (content-profile, then rules).
            BraidConfig cfg = BraidConfig.load(config);
            Dataset ds = DatasetLoader.load(cfg.dataset(), cfg.baseDir(), dir.resolve("cache"), ProgressListener.NONE);
            PipelineData data = new PipelineData(ds.name(), ds.catalog(), InteractionMatrix.of(ds.catalog(),
                    ds.interactions()), "fp", 0L);
            Map<String, List<String>> sparkRecs = spark.read().parquet(out + "/recommendations")
                    .orderBy("user", "rank").collectAsList().stream().collect(Collectors.groupingBy(
                            r -> r.getString(0), Collectors.mapping(r -> r.getString(2), Collectors.toList())));
            Map<String, Set<String>> seen = new HashMap<>();
            ds.interactions().forEach(i -> seen.computeIfAbsent(i.user(), u -> new HashSet<>()).add(i.item()));
            assertThat(sparkRecs).hasSize(30);
            try (PipelineServices services = new PipelineServices(rt, cfg.backend(), cfg.baseDir(), 0L)) {
                Generation g = services.builder().build(1, v.pipelines().get(0), data, ProgressListener.NONE);
                for (Map.Entry<String, List<String>> e : sparkRecs.entrySet()) {
                    assertThat(e.getValue()).hasSize(5).doesNotContainAnyElementsOf(seen.get(e.getKey()));
                    List<String> expected = g.recommend(Query.forUser(e.getKey()), 5).stream()
                            .map(ScoredItem::itemId).toList();
                    assertThat(e.getValue()).as(e.getKey()).isEqualTo(expected);
                }
                g.retire();
            }
        }
        // One engine per job configuration in an executor JVM (local mode: this JVM), reused by every task.
        assertThat(ExecutorEngine.engines()).isEqualTo(engines + 1);
    }

    @Test
    void repeatedIdsAreEncodedOnceAndTheCountsAreThoseOfTheTables() throws Exception {
        Path config = SparkFixture.catalog(dir, 40, 8, """
                encoders: {text: {name: minilm, parallelCalls: 1, threads: 1}}
                generators: [content-profile]
                """, "spark: {partitions: 3, batchSize: 8, cache: %s}\n".formatted(dir.resolve("executor-cache")));
        // Rows 0, 5, ..., 35 once more (row 5 has a blank plot, so its item fails twice over if kept twice).
        Path catalog = dir.resolve("data").resolve("catalog.tsv");
        List<String> lines = Files.readAllLines(catalog);
        StringBuilder again = new StringBuilder();
        for (int i = 0; i < 40; i += 5) {
            again.append(lines.get(i + 1)).append('\n');
        }
        Files.writeString(catalog, again, java.nio.file.StandardOpenOption.APPEND);
        String out = dir.resolve("out").toString();

        EncodeStage.Result r = EncodeStage.encode(spark, JobSpec.load(config), out);

        List<Row> items = spark.read().parquet(out + "/items").collectAsList();
        List<Row> errors = spark.read().parquet(out + "/errors").collectAsList();
        assertThat(items.stream().map(x -> x.getString(0)).distinct().count()).isEqualTo(40);
        assertThat(items).hasSize(40);
        assertThat(errors).extracting(x -> x.getString(0)).containsExactlyInAnyOrder("m5", "m22", "m39");
        assertThat(r.items()).isEqualTo(items.size());
        assertThat(r.failures()).isEqualTo(errors.size());
    }

    @Test
    void encoderThatNeedsTheWholeCatalogIsABadConfigurationNamingIt() throws Exception {
        Path config = SparkFixture.catalog(dir, 16, 4, """
                encoders: {text: tfidf}
                generators: [content-profile]
                """, "");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BraidJob.run(spark, JobSpec.load(config),
                        BraidJob.Stage.ENCODE, dir.resolve("out").toString()))
                .isInstanceOf(dev.braid.runtime.config.ConfigException.class)
                .hasMessageContaining("encoders.text").hasMessageContaining("tfidf");
    }

    @Test
    void aDescribeStepIsRefusedNamingIt() throws Exception {
        Path config = SparkFixture.catalog(dir, 16, 4, """
                encoders: {text: minilm}
                generators: [content-profile]
                describe: {name: llm-describe, mode: missing, endpoint: {baseUrl: "http://127.0.0.1:9/v1", model: m}}
                """, "");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BraidJob.run(spark, JobSpec.load(config),
                        BraidJob.Stage.ENCODE, dir.resolve("out").toString()))
                .isInstanceOf(dev.braid.runtime.config.ConfigException.class)
                .hasMessageContaining("describe").hasMessageContaining("not supported in the Spark job yet");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    static Map<String, float[]> readNpy(Path npy, Path ids) throws Exception {
        byte[] bytes = Files.readAllBytes(npy);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = Short.toUnsignedInt(b.getShort(8));
        String header = new String(bytes, 10, headerLen, StandardCharsets.US_ASCII);
        int dim = Integer.parseInt(header.replaceAll(".*'shape': \\(\\d+, (\\d+)\\).*\\s*", "$1").trim());
        List<String> names = Files.readAllLines(ids);
        Map<String, float[]> out = new HashMap<>();
        b.position(10 + headerLen);
        for (String id : names) {
            float[] v = new float[dim];
            for (int k = 0; k < dim; k++) {
                v[k] = b.getFloat();
            }
            out.put(id, v);
        }
        return out;
    }
}
