package dev.braid.spark;

import static org.apache.spark.sql.functions.col;

import dev.braid.runtime.config.ConfigException;
import dev.braid.runtime.generation.ResolvedPipeline;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Spark application: the stages of a Braid pipeline over a catalog too large for one machine, driven by the
 * same YAML configuration as {@code braid run}.
 *
 * <pre>
 * spark-submit --class dev.braid.spark.BraidJob --jars PLUGIN.jar,... braid-spark.jar \
 *     --config F --stage encode|fuse|train|recommend|evaluate|all --out DIR
 * </pre>
 *
 * Plugins are the same jars {@code braid} loads as bundles, found on the class path through their
 * {@code Braid-Components} headers. Exit codes as {@code braid}: 0 success, 2 bad input, 1 failure.
 */
@Command(name = "braid-spark", mixinStandardHelpOptions = true,
        description = "Run Braid pipeline stages on Apache Spark.")
public final class BraidJob implements Callable<Integer> {
    /** The stages, in the order {@code all} runs them. */
    public enum Stage { ENCODE, FUSE, TRAIN, RECOMMEND, EVALUATE, ALL }

    @Option(names = "--config", required = true, description = "the Braid configuration (YAML)")
    Path config;

    @Option(names = "--stage", required = true, description = "encode, fuse, train, recommend, evaluate or all")
    String stage;

    @Option(names = "--out", required = true, description = "output folder or URI (Parquet tables are written "
            + "under it)")
    String out;

    public static void main(String[] args) {
        int code = new CommandLine(new BraidJob()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = new PrintWriter(System.err, true);
        Stage s;
        try {
            s = Stage.valueOf(stage.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("--stage: unknown stage '" + stage + "'; expected one of "
                    + Arrays.stream(Stage.values()).map(v -> v.name().toLowerCase(Locale.ROOT)).toList());
            return 2;
        }
        try {
            JobSpec spec = JobSpec.load(config);
            SparkSession spark = SparkSession.builder().appName("braid " + s.name().toLowerCase(Locale.ROOT) + " "
                    + config.getFileName()).getOrCreate();
            try {
                List<String> summary = run(spark, spec, s, out);
                PrintWriter o = new PrintWriter(System.out, true);
                summary.forEach(o::println);
            } finally {
                spark.stop();
            }
            return 0;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    /** Runs a stage (or all) in an existing session; returns one summary line per stage. */
    public static List<String> run(SparkSession spark, JobSpec spec, Stage stage, String out) {
        List<String> lines = new ArrayList<>();
        if (stage == Stage.ENCODE || stage == Stage.ALL) {
            EncodeStage.Result r = EncodeStage.encode(spark, spec, out);
            lines.add(String.format(Locale.ROOT, "encode: %d items, %d failures, dimensions %s, %.1f s", r.items(),
                    r.failures(), r.dimensions(), r.seconds()));
        }
        if (stage == Stage.FUSE) {
            long n = EncodeStage.refuse(spark, spec, out);
            lines.add("fuse: " + n + " items refused into " + out + "/items.fused");
        }
        boolean als = hasAls(spec);
        if (stage == Stage.TRAIN || (stage == Stage.ALL && als)) {
            lines.add(AlsStages.train(spark, spec, out));
        }
        if (stage == Stage.RECOMMEND || stage == Stage.ALL) {
            RecommendStage.Result r = recommend(spark, spec, out, als);
            lines.add(String.format(Locale.ROOT, "recommend: %d users, %d rows over %d items, %.1f s", r.users(),
                    r.rows(), r.items(), r.seconds()));
        }
        if (stage == Stage.EVALUATE || (stage == Stage.ALL && als)) {
            AlsStages.Evaluation e = AlsStages.evaluate(spark, spec, out);
            lines.add(String.format(Locale.ROOT, "evaluate: %d users; als fit %.2f s (%.3f s per iteration); %s",
                    e.users(), e.fitSeconds(), e.secondsPerIteration(), e.metrics()));
        }
        return lines;
    }

    private static boolean hasAls(JobSpec spec) {
        return ExecutorEngine.get(spec).pipeline().generators().stream().anyMatch(g -> g.spec().name().equals("als"));
    }

    private static RecommendStage.Result recommend(SparkSession spark, JobSpec spec, String out, boolean als) {
        ResolvedPipeline pipeline = ExecutorEngine.get(spec).pipeline();
        boolean excludeSeen = RecommendStage.excludeSeen(pipeline.generators());
        Dataset<Row> interactions = new TabularSource(spec).interactions(spark).select("user", "item");
        if (als) {
            ItemMatrix factors = RecommendStage.collect(spark.read().parquet(out + "/als/items"), false);
            Dataset<Row> users = spark.read().parquet(out + "/als/users").toDF("user", "features");
            return RecommendStage.recommend(spark, spec, factors, interactions, users, excludeSeen, out);
        }
        Dataset<Row> items = spark.read().parquet(out + "/items");
        String column = Arrays.asList(items.columns()).contains(EncodeStage.FUSED) ? EncodeStage.FUSED
                : items.columns()[1];
        ItemMatrix matrix = RecommendStage.collect(items.select(col("id"), col(column)), true);
        return RecommendStage.recommend(spark, spec, matrix, interactions, null, excludeSeen, out);
    }
}
