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

    /**
     * Tunes ALS on a validation split: the configuration's dataset, positives and test split as {@code braid run}
     * makes them, then {@code validationShare} of each user's training positives held out (seeded stratified split
     * of the training side). Every {regParam, alpha} of {@code grid} trains on the rest (rank, iterations and seed
     * of the configuration's {@code als}) and is scored by NDCG@10 on the held-out positives; the test split is not
     * read. Prints one line per setting; returns the best setting.
     */
    public static double[] alsTune(SparkSession spark, Path config, String out, double[][] grid,
                                   double validationShare) {
        JobSpec spec = JobSpec.load(config);
        ExecutorEngine engine = ExecutorEngine.get(spec);
        dev.braid.plugin.factorization.AlsConfig base = AlsStages.alsConfig(spec, engine);
        dev.braid.runtime.pipeline.EvaluationConfig ev = AlsStages.evaluation(spec, engine.config());
        dev.braid.datasets.Dataset ds = dev.braid.runtime.pipeline.DatasetLoader.load(engine.config().dataset(),
                engine.config().baseDir(), Path.of(spec.settings().cacheOrDefault()),
                dev.braid.api.component.ProgressListener.NONE);
        dev.braid.evaluation.split.Split split = AlsStages.splitter(ev).split(
                dev.braid.evaluation.split.RatingFilter.positives(ds.interactions(), ev.threshold()));
        dev.braid.evaluation.split.Split inner = dev.braid.evaluation.split.Splitter
                .stratified(1 - validationShare, ev.seed()).split(split.train());
        System.out.printf(java.util.Locale.ROOT, "als-tune: %d training positives -> %d fit + %d validation "
                + "(%.0f%% of each user's, seed %d); %d test positives untouched%n", split.train().size(),
                inner.train().size(), inner.test().size(), validationShare * 100, ev.seed(), split.test().size());
        double[] best = null;
        double bestNdcg = -1;
        for (int i = 0; i < grid.length; i++) {
            dev.braid.plugin.factorization.AlsConfig cfg = new dev.braid.plugin.factorization.AlsConfig(base.rank(),
                    base.iterations(), grid[i][0], grid[i][1], base.seed(), base.model());
            AlsStages.Evaluation e = AlsStages.evaluate(spark, spec, cfg, ds.catalog(), inner.train(), inner.test(),
                    java.util.List.of(10), out + "/grid-" + i);
            double ndcg = e.metrics().get("ndcg@10");
            System.out.printf(java.util.Locale.ROOT, "als-tune: rank %d, %d iterations, regParam %s, alpha %s: "
                    + "validation ndcg@10 %.4f (%d users), %.2f s per iteration%n", cfg.rank(), cfg.iterations(),
                    grid[i][0], grid[i][1], ndcg, e.users(), e.secondsPerIteration());
            if (ndcg > bestNdcg) {
                bestNdcg = ndcg;
                best = grid[i];
            }
        }
        return best;
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
