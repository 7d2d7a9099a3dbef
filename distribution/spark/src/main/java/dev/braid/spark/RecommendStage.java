package dev.braid.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;

import dev.braid.runtime.generation.ResolvedComponent;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
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
 * Stage {@code recommend}: exact top-K for every user, written to {@code recommendations/} as Parquet
 * {@code (user, rank, item, score)}. The item matrix is broadcast (one copy per executor) and users are partitioned;
 * each task scores blocks of its users against tiles of items (one matrix product per block and tile, through the
 * compute backend the configuration names; see {@link ScoringBackend}) and keeps a bounded heap per user. Two scorers:
 * <ul>
 *   <li>{@code als} (factors from the train stage): score = user factor · item factor;</li>
 *   <li>otherwise {@code content-profile}: score = cosine between the item's fused vector and the user's profile
 *   (the normalised mean of the unit vectors of the items in their history), as the {@code content-profile}
 *   generator scores.</li>
 * </ul>
 * A {@code rules} generator with {@code excludeSeen: true} in the chain removes each user's history.
 */
final class RecommendStage {
    private static final Logger log = LoggerFactory.getLogger(RecommendStage.class);

    private RecommendStage() {
    }

    static final StructType SCHEMA = new StructType(new StructField[] {
            DataTypes.createStructField("user", DataTypes.StringType, false),
            DataTypes.createStructField("rank", DataTypes.IntegerType, false),
            DataTypes.createStructField("item", DataTypes.StringType, false),
            DataTypes.createStructField("score", DataTypes.FloatType, false)});

    /** What the stage wrote. */
    record Result(long users, long rows, int items, double seconds) {
    }

    /**
     * Recommends for the users of {@code interactions} ({@code user, item} columns).
     *
     * @param items    the item matrix (unit rows for content profiles, raw factors for ALS)
     * @param profiles null for content profiles built from the history; else (user, features) factor rows
     */
    static Result recommend(SparkSession spark, JobSpec spec, ItemMatrix items, Dataset<Row> interactions,
                            Dataset<Row> profiles, boolean excludeSeen, String out) {
        long t0 = System.nanoTime();
        int k = spec.settings().k();
        Broadcast<ItemMatrix> shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(items);
        Dataset<Row> histories = interactions.groupBy("user").agg(collect_list(col("item")).as("items"));
        Dataset<Row> users = profiles == null ? histories
                : profiles.join(histories, profiles.col("user").equalTo(histories.col("user")), "left")
                .select(profiles.col("user"), histories.col("items"), profiles.col("features"));
        if (spec.settings().partitions() > 0) {
            users = users.repartition(spec.settings().partitions());
        }
        boolean factors = profiles != null;
        String backendName = spec.config().backend();
        Dataset<Row> recs = users.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> new BlockScorer(
                shared.value(), rows, factors, excludeSeen, k, ScoringBackend.forName(backendName)),
                Encoders.row(SCHEMA));
        recs.write().mode(SaveMode.Overwrite).parquet(out + "/recommendations");
        Dataset<Row> written = spark.read().parquet(out + "/recommendations");
        long rows = written.count();
        long n = written.select("user").distinct().count();
        double seconds = (System.nanoTime() - t0) / 1e9;
        log.info("recommend: {} users, {} rows over {} items in {} s", n, rows, items.rows(),
                String.format("%.1f", seconds));
        return new Result(n, rows, items.rows(), seconds);
    }

    /** The unit-length mean of the (unit) rows of the history, or null when none of them has a vector. */
    static float[] profile(ItemMatrix m, BitSet history) {
        if (history.isEmpty()) {
            return null;
        }
        double[] acc = new double[m.dim];
        for (int i = history.nextSetBit(0); i >= 0; i = history.nextSetBit(i + 1)) {
            for (int d = 0; d < m.dim; d++) {
                acc[d] += m.values[i * m.dim + d];
            }
        }
        double norm = 0;
        for (double a : acc) {
            norm += a * a;
        }
        if (norm == 0) {
            return null;
        }
        float[] out = new float[m.dim];
        for (int d = 0; d < m.dim; d++) {
            out[d] = (float) (acc[d] / Math.sqrt(norm));
        }
        return out;
    }

    /** Whether the chain has a {@code rules} step with {@code excludeSeen: true}. */
    static boolean excludeSeen(List<ResolvedComponent> generators) {
        for (ResolvedComponent g : generators) {
            if (g.spec().name().equals("rules") && g.config() != null) {
                try {
                    Object v = g.config().getClass().getMethod("excludeSeen").invoke(g.config());
                    if (Boolean.TRUE.equals(v)) {
                        return true;
                    }
                } catch (ReflectiveOperationException e) {
                    log.warn("rules: cannot read excludeSeen: {}", e.toString());
                }
            }
        }
        return false;
    }

    /** Collects (id, vector) rows of a column into a matrix; rows with a null vector are left out. */
    static ItemMatrix collect(Dataset<Row> idAndVector, boolean unit) {
        List<String> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        Iterator<Row> it = idAndVector.where(col(idAndVector.columns()[1]).isNotNull()).orderBy(col(
                idAndVector.columns()[0])).toLocalIterator();
        while (it.hasNext()) {
            Row r = it.next();
            ids.add(r.getString(0));
            vectors.add(EncodeStage.floats(r, 1));
        }
        return ItemMatrix.of(ids, vectors, unit);
    }
}
