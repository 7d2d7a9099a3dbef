package dev.braid.spark;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** The package-private stages, for the benchmarks in {@code dev.braid.spark.bench}. */
public final class SparkBenchAccess {
    private static Map<String, Double> last;

    private SparkBenchAccess() {
    }

    public static Path catalog(Path dir, int items, int users, String encoders, String extra) throws Exception {
        return SparkFixture.catalog(dir, items, users, encoders, extra);
    }

    /** One encode, so that the engine (model load) is not part of the timed runs. */
    public static void warm(SparkSession spark, Path config, String out) {
        EncodeStage.encode(spark, JobSpec.load(config), out);
    }

    public static double encodeSeconds(SparkSession spark, Path config, String out) {
        return EncodeStage.encode(spark, JobSpec.load(config), out).seconds();
    }

    /** ALS evaluate: {fit seconds, seconds per iteration}. */
    public static double[] evaluate(SparkSession spark, Path config, String out) {
        AlsStages.Evaluation e = AlsStages.evaluate(spark, JobSpec.load(config), out);
        last = e.metrics();
        return new double[] {e.fitSeconds(), e.secondsPerIteration()};
    }

    public static Map<String, Double> lastMetrics() {
        return last;
    }

    /** ALS on random implicit data (each user {@code perUser} distinct random items): {fit seconds, per iteration}. */
    public static double[] alsSynthetic(SparkSession spark, int users, int items, int perUser, int rank,
                                        int iterations) {
        org.apache.spark.sql.Dataset<Row> pairs = spark.range(0, users, 1, 8).flatMap(
                (org.apache.spark.api.java.function.FlatMapFunction<Long, Row>) u -> {
                    Random r = new Random(u);
                    java.util.List<Row> out = new java.util.ArrayList<>();
                    java.util.Set<Integer> seen = new java.util.HashSet<>();
                    while (seen.size() < perUser) {
                        // popularity skew: squares favour low item numbers
                        double x = r.nextDouble();
                        seen.add((int) (x * x * items));
                    }
                    seen.forEach(i -> out.add(RowFactory.create("u" + u, "i" + i)));
                    return out.iterator();
                }, Encoders.row(new org.apache.spark.sql.types.StructType()
                        .add("user", org.apache.spark.sql.types.DataTypes.StringType)
                        .add("item", org.apache.spark.sql.types.DataTypes.StringType)));
        dev.braid.plugin.factorization.AlsConfig cfg = new dev.braid.plugin.factorization.AlsConfig(rank, iterations,
                0.1, 1, 42, "unused");
        AlsTrainer.Trained t = AlsTrainer.train(spark, pairs, cfg, 2);
        return new double[] {t.fitSeconds(), t.secondsPerIteration()};
    }

    /**
     * Exact top-K of random user vectors against a broadcast random item matrix; seconds. {@code blocked}: the
     * recommend stage's path (blocks of users, one matrix product per item tile, {@code backend}); otherwise one user
     * at a time with {@link ItemMatrix#topK(float[], int, java.util.BitSet)}, the stage's former path.
     */
    public static double topk(SparkSession spark, int users, int items, int dim, int k, boolean blocked,
                              String backend) {
        Random rnd = new Random(1);
        String[] ids = new String[items];
        float[] values = new float[items * dim];
        for (int i = 0; i < items; i++) {
            ids[i] = "i" + i;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) rnd.nextGaussian();
        }
        ItemMatrix m = new ItemMatrix(ids, values, dim);
        long t0 = System.nanoTime();
        Broadcast<ItemMatrix> shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(m);
        int parts = spark.sparkContext().defaultParallelism() * 4;
        long rows = spark.range(0, users, 1, parts).mapPartitions(
                (org.apache.spark.api.java.function.MapPartitionsFunction<Long, Row>) ids0 -> {
                    // The users' rows as the stage sees them: (user, no history, factors).
                    java.util.Iterator<Row> in = new java.util.Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return ids0.hasNext();
                        }

                        @Override
                        public Row next() {
                            long u = ids0.next();
                            Random r = new Random(u);
                            float[] q = new float[dim];
                            for (int d = 0; d < q.length; d++) {
                                q[d] = (float) r.nextGaussian();
                            }
                            return RowFactory.create("u" + u, null, q);
                        }
                    };
                    ItemMatrix im = shared.value();
                    if (blocked) {
                        return new BlockScorer(im, in, true, false, k, ScoringBackend.forName(backend));
                    }
                    java.util.List<Row> out = new java.util.ArrayList<>();
                    while (in.hasNext()) {
                        Row u = in.next();
                        ItemMatrix.Scored[] top = im.topK(EncodeStage.floats(u, 2), k, null);
                        for (int j = 0; j < top.length; j++) {
                            out.add(RowFactory.create(u.getString(0), j + 1, im.ids[top[j].item()],
                                    top[j].score()));
                        }
                    }
                    return out.iterator();
                }, Encoders.row(RecommendStage.SCHEMA)).count();
        if (rows != (long) users * Math.min(k, items)) {
            throw new IllegalStateException("expected " + (long) users * k + " rows, got " + rows);
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
