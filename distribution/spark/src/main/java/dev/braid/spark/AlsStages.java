package dev.braid.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.slice;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.Interaction;
import dev.braid.datasets.Dataset;
import dev.braid.evaluation.metrics.Metric;
import dev.braid.evaluation.metrics.RankingMetrics;
import dev.braid.evaluation.split.RatingFilter;
import dev.braid.evaluation.split.Split;
import dev.braid.evaluation.split.Splitter;
import dev.braid.plugin.factorization.AlsConfig;
import dev.braid.plugin.factorization.AlsFactors;
import dev.braid.runtime.config.BraidConfig;
import dev.braid.runtime.config.ConfigException;
import dev.braid.runtime.config.ParamBinder;
import dev.braid.runtime.generation.ResolvedComponent;
import dev.braid.runtime.pipeline.DatasetLoader;
import dev.braid.runtime.pipeline.EvaluationConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stages {@code train} and {@code evaluate} of the {@code als} generator.
 * <ul>
 *   <li>{@code train}: ALS on every interaction of the dataset (read by Spark), factors written as Parquet
 *   ({@code als/users}, {@code als/items}) and as the model file the {@code als} generator's {@code model} names,
 *   which {@code braid run} and {@code braid serve} load.</li>
 *   <li>{@code evaluate}: the protocol of {@code braid run} — the same dataset loader, positives threshold and
 *   splitter (the split is made on the driver) — then ALS on the training side, exact top-K per test user in Spark
 *   (training items excluded, like the evaluator), and the evaluator's per-user ranking metrics averaged over the
 *   same users. The factors trained on the split go to {@code als-split.model}.</li>
 * </ul>
 */
final class AlsStages {
    private static final Logger log = LoggerFactory.getLogger(AlsStages.class);
    /** The evaluator's per-user metrics, in its order. */
    static final List<Metric> PER_USER = List.of(Metric.PRECISION, Metric.RECALL, Metric.F1, Metric.NDCG,
            Metric.MAP, Metric.MRR, Metric.HIT_RATE);

    private AlsStages() {
    }

    /** What evaluate measured: metrics by key ("ndcg@10"), users evaluated, ALS time. */
    record Evaluation(Map<String, Double> metrics, int users, double fitSeconds, double secondsPerIteration,
                      double seconds) {
    }

    static AlsConfig alsConfig(JobSpec spec, ExecutorEngine engine) {
        for (ResolvedComponent g : engine.pipeline().generators()) {
            if (g.spec().name().equals("als")) {
                return (AlsConfig) g.config();
            }
        }
        throw new ConfigException(spec.configFile(), "generators", "the train and evaluate stages train the 'als' "
                + "generator, and this pipeline has none (distributed training covers als only; see docs/spark.md)");
    }

    static String train(SparkSession spark, JobSpec spec, String out) {
        ExecutorEngine engine = ExecutorEngine.get(spec);
        AlsConfig cfg = alsConfig(spec, engine);
        org.apache.spark.sql.Dataset<Row> interactions = new TabularSource(spec).interactions(spark);
        double threshold = evaluation(spec, engine.config()).threshold();
        if (threshold > 0) {
            interactions = interactions.where(col("value").isNaN().or(col("value").geq(threshold)));
        }
        AlsTrainer.Trained t = AlsTrainer.train(spark, interactions, cfg, spec.settings().partitions());
        t.users().write().mode(SaveMode.Overwrite).parquet(out + "/als/users");
        t.items().write().mode(SaveMode.Overwrite).parquet(out + "/als/items");
        Path model = Path.of(spec.baseDir()).resolve(cfg.model());
        t.collect(cfg.rank()).write(model, cfg.fingerprint());
        return String.format(Locale.ROOT, "train: als rank %d, %d iterations, %.2f s per iteration; model %s",
                cfg.rank(), cfg.iterations(), t.secondsPerIteration(), model);
    }

    static EvaluationConfig evaluation(JobSpec spec, BraidConfig config) {
        return ParamBinder.bind(EvaluationConfig.class, config.evaluation() == null ? ParamBinder.empty()
                : config.evaluation(), "evaluation", Set.of());
    }

    static Evaluation evaluate(SparkSession spark, JobSpec spec, String out) {
        long t0 = System.nanoTime();
        ExecutorEngine engine = ExecutorEngine.get(spec);
        AlsConfig cfg = alsConfig(spec, engine);
        BraidConfig config = engine.config();
        EvaluationConfig ev = evaluation(spec, config);
        Path cache = Path.of(spec.settings().cacheOrDefault());
        Dataset ds = DatasetLoader.load(config.dataset(), config.baseDir(), cache, ProgressListener.NONE);
        Split split = splitter(ev).split(RatingFilter.positives(ds.interactions(), ev.threshold()));
        Evaluation e = evaluate(spark, spec, cfg, ds.catalog(), split.train(), split.test(), ev.k(), out);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Evaluation(e.metrics(), e.users(), e.fitSeconds(), e.secondsPerIteration(), seconds);
    }

    /**
     * ALS with {@code cfg} trained on {@code train}, then the evaluator's ranking metrics at the cutoffs {@code ks} for
     * the users of {@code test}: their test items inside the catalog that they did not train on are the relevant
     * ones, every catalog item they did not train on is a candidate. Writes the factors to {@code out/als-split.model}
     * and the per-user metrics to {@code out/evaluation/per-user}.
     */
    static Evaluation evaluate(SparkSession spark, JobSpec spec, AlsConfig cfg, Catalog catalog,
                               List<Interaction> train, List<Interaction> test, List<Integer> ks, String out) {
        long t0 = System.nanoTime();
        StructType pairs = new StructType(new StructField[] {
                DataTypes.createStructField("user", DataTypes.StringType, false),
                DataTypes.createStructField("item", DataTypes.StringType, false)});
        List<Row> trainRows = new ArrayList<>();
        Map<String, Set<String>> seen = new HashMap<>();
        for (Interaction x : train) {
            if (catalog.contains(x.item())) {
                trainRows.add(RowFactory.create(x.user(), x.item()));
                seen.computeIfAbsent(x.user(), u -> new HashSet<>()).add(x.item());
            }
        }
        AlsTrainer.Trained t = AlsTrainer.train(spark, spark.createDataFrame(trainRows, pairs), cfg,
                spec.settings().partitions());
        AlsFactors factors = t.collect(cfg.rank());
        factors.write(Path.of(out.replaceFirst("^file:", "")).resolve("als-split.model"), cfg.fingerprint());

        // Items in catalog order, so equal scores rank the lower catalog index first, as the evaluator does.
        Map<String, Integer> itemRow = new HashMap<>();
        for (int j = 0; j < factors.items().length; j++) {
            itemRow.put(factors.items()[j], j);
        }
        List<String> ids = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < catalog.size(); i++) {
            Integer j = itemRow.get(catalog.item(i).id());
            if (j != null) {
                ids.add(catalog.item(i).id());
                rows.add(java.util.Arrays.copyOfRange(factors.itemFactors(), j * cfg.rank(), (j + 1) * cfg.rank()));
            }
        }
        ItemMatrix matrix = ItemMatrix.of(ids, rows, false);
        Map<String, Integer> userRow = new HashMap<>();
        for (int u = 0; u < factors.users().length; u++) {
            userRow.put(factors.users()[u], u);
        }

        // The evaluator's users: test positives inside the catalog, minus the user's training items.
        Map<String, TreeSet<String>> relevant = new LinkedHashMap<>();
        for (Interaction x : test) {
            if (catalog.contains(x.item()) && !seen.getOrDefault(x.user(), Set.of()).contains(x.item())) {
                relevant.computeIfAbsent(x.user(), u -> new TreeSet<>()).add(x.item());
            }
        }
        StructType userSchema = new StructType(new StructField[] {
                DataTypes.createStructField("user", DataTypes.StringType, false),
                DataTypes.createStructField("relevant", DataTypes.createArrayType(DataTypes.StringType), false),
                DataTypes.createStructField("seen", DataTypes.createArrayType(DataTypes.StringType), false),
                DataTypes.createStructField("features", DataTypes.createArrayType(DataTypes.FloatType), false)});
        List<Row> users = new ArrayList<>();
        float[] zero = new float[cfg.rank()];
        relevant.forEach((u, rel) -> {
            Integer r = userRow.get(u);
            float[] f = r == null ? zero : java.util.Arrays.copyOfRange(factors.userFactors(), r * cfg.rank(),
                    (r + 1) * cfg.rank());
            users.add(RowFactory.create(u, scala(new ArrayList<>(rel)),
                    scala(new ArrayList<>(seen.getOrDefault(u, Set.of()))), f));
        });
        int[] cutoffs = ks.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        int maxK = cutoffs[cutoffs.length - 1];
        Broadcast<ItemMatrix> shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(matrix);
        StructType resultSchema = new StructType(new StructField[] {
                DataTypes.createStructField("user", DataTypes.StringType, false),
                DataTypes.createStructField("metrics", DataTypes.createArrayType(DataTypes.DoubleType), false),
                DataTypes.createStructField("recs", DataTypes.createArrayType(DataTypes.StringType), false)});
        org.apache.spark.sql.Dataset<Row> perUser = spark.createDataFrame(users, userSchema)
                .repartition(Math.max(1, spec.settings().partitions()))
                .map((MapFunction<Row, Row>) r -> {
                    ItemMatrix m = shared.value();
                    java.util.BitSet skip = new java.util.BitSet(m.rows());
                    for (Object s : r.getList(2)) {
                        int i = m.indexOf((String) s);
                        if (i >= 0) {
                            skip.set(i);
                        }
                    }
                    Set<String> rel = new HashSet<>();
                    r.getList(1).forEach(x -> rel.add((String) x));
                    ItemMatrix.Scored[] top = m.topK(EncodeStage.floats(r, 3), maxK, skip);
                    boolean[] hits = new boolean[top.length];
                    List<String> recs = new ArrayList<>();
                    for (int j = 0; j < top.length; j++) {
                        String id = m.ids[top[j].item()];
                        hits[j] = rel.contains(id);
                        recs.add(id);
                    }
                    double[] values = new double[cutoffs.length * PER_USER.size()];
                    for (int a = 0; a < cutoffs.length; a++) {
                        int k = cutoffs[a];
                        int base = a * PER_USER.size();
                        double p = RankingMetrics.precision(hits, k);
                        double rc = RankingMetrics.recall(hits, rel.size(), k);
                        values[base] = p;
                        values[base + 1] = rc;
                        values[base + 2] = RankingMetrics.f1(p, rc);
                        values[base + 3] = RankingMetrics.ndcg(hits, rel.size(), k);
                        values[base + 4] = RankingMetrics.averagePrecision(hits, rel.size(), k);
                        values[base + 5] = RankingMetrics.reciprocalRank(hits, k);
                        values[base + 6] = RankingMetrics.hitRate(hits, k);
                    }
                    List<Double> boxed = new ArrayList<>();
                    for (double v : values) {
                        boxed.add(v);
                    }
                    return RowFactory.create(r.getString(0), scala(boxed), scala(recs));
                }, Encoders.row(resultSchema));
        perUser.write().mode(SaveMode.Overwrite).parquet(out + "/evaluation/per-user");
        org.apache.spark.sql.Dataset<Row> written = spark.read().parquet(out + "/evaluation/per-user");
        double[] sums = written.javaRDD().map(r -> {
            List<Object> l = r.getList(1);
            double[] v = new double[l.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = ((Number) l.get(i)).doubleValue();
            }
            return v;
        }).reduce((a, b) -> {
            double[] s = new double[a.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = a[i] + b[i];
            }
            return s;
        });
        int n = users.size();
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int m = 0; m < PER_USER.size(); m++) {
            for (int a = 0; a < cutoffs.length; a++) {
                metrics.put(PER_USER.get(m).key(cutoffs[a]), sums[a * PER_USER.size() + m] / n);
            }
        }
        for (int c : cutoffs) {
            long distinct = written.select(explode(slice(col("recs"), 1, c)).as("item")).distinct().count();
            metrics.put(Metric.COVERAGE.key(c), RankingMetrics.coverage((int) distinct, catalog.size()));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        log.info("evaluate: {} users, {}", n, metrics);
        return new Evaluation(metrics, n, t.fitSeconds(), t.secondsPerIteration(), seconds);
    }

    private static <T> scala.collection.immutable.Seq<T> scala(List<T> list) {
        return scala.jdk.javaapi.CollectionConverters.asScala(list).toList();
    }

    /** The splitter {@code braid run} builds from the evaluation section. */
    static Splitter splitter(EvaluationConfig ev) {
        EvaluationConfig.SplitConfig s = ev.split();
        String type = s == null || s.type() == null ? "random" : s.type().toLowerCase(Locale.ROOT);
        double ratio = s == null || s.ratio() == null ? 0.8 : s.ratio();
        return switch (type) {
            case "random" -> Splitter.random(ratio, ev.seed());
            case "stratified" -> Splitter.stratified(ratio, ev.seed());
            case "leave-last-out" -> Splitter.leaveLastOut();
            case "time" -> Splitter.timeQuantile(s.quantile() == null ? 0.8 : s.quantile());
            default -> throw new ConfigException("", "evaluation.split.type", "the Spark evaluate stage runs the "
                    + "random, stratified, leave-last-out and time splits; got '" + type + "'");
        };
    }
}
