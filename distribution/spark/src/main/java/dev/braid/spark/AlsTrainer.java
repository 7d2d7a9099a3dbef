package dev.braid.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.braid.plugin.factorization.AlsConfig;
import dev.braid.plugin.factorization.AlsFactors;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the {@code als} generator with Spark MLlib's ALS (implicit feedback: every interaction is a positive of
 * value 1) and hands back the factors by Braid id.
 */
final class AlsTrainer {
    private static final Logger log = LoggerFactory.getLogger(AlsTrainer.class);

    private AlsTrainer() {
    }

    /**
     * The trained factors: {@code users} and {@code items} are {@code (id, features)} tables.
     *
     * @param fitSeconds wall time of {@code ALS.fit} alone
     */
    record Trained(Dataset<Row> users, Dataset<Row> items, double fitSeconds, int iterations) {
        double secondsPerIteration() {
            return fitSeconds / iterations;
        }

        /** Collects the factors into the model file format (ids in the given order of the tables). */
        AlsFactors collect(int rank) {
            List<String> uid = new ArrayList<>();
            List<float[]> uv = new ArrayList<>();
            users.orderBy("id").collectAsList().forEach(r -> {
                uid.add(r.getString(0));
                uv.add(EncodeStage.floats(r, 1));
            });
            List<String> iid = new ArrayList<>();
            List<float[]> iv = new ArrayList<>();
            items.orderBy("id").collectAsList().forEach(r -> {
                iid.add(r.getString(0));
                iv.add(EncodeStage.floats(r, 1));
            });
            return new AlsFactors(rank, uid.toArray(String[]::new), flat(uv, rank), iid.toArray(String[]::new),
                    flat(iv, rank));
        }
    }

    /** Trains on {@code (user, item)} string pairs (duplicates count once). */
    static Trained train(SparkSession spark, Dataset<Row> interactions, AlsConfig config, int partitions) {
        Dataset<Row> pairs = interactions.select("user", "item").distinct();
        Dataset<Row> users = index(spark, pairs.select(col("user").as("id")).distinct(), "u");
        Dataset<Row> items = index(spark, pairs.select(col("item").as("id")).distinct(), "i");
        Dataset<Row> ratings = pairs.join(users, pairs.col("user").equalTo(users.col("id")))
                .drop("id").join(items, col("item").equalTo(items.col("id")))
                .select(col("u"), col("i"), lit(1.0f).as("r"));
        if (partitions > 0) {
            ratings = ratings.repartition(partitions);
        }
        ratings = ratings.localCheckpoint();
        ALS als = new ALS().setImplicitPrefs(true).setRank(config.rank()).setMaxIter(config.iterations())
                .setRegParam(config.regParam()).setAlpha(config.alpha()).setSeed(config.seed())
                .setUserCol("u").setItemCol("i").setRatingCol("r").setColdStartStrategy("drop");
        if (partitions > 0) {
            als.setNumUserBlocks(partitions).setNumItemBlocks(partitions);
        }
        long t0 = System.nanoTime();
        ALSModel model = als.fit(ratings);
        Dataset<Row> userFactors = model.userFactors().localCheckpoint();
        Dataset<Row> itemFactors = model.itemFactors().localCheckpoint();
        double seconds = (System.nanoTime() - t0) / 1e9;
        log.info("als: rank {}, {} iterations in {} s", config.rank(), config.iterations(),
                String.format("%.2f", seconds));
        Dataset<Row> u = userFactors.join(users, userFactors.col("id").equalTo(users.col("u")))
                .select(users.col("id"), userFactors.col("features"));
        Dataset<Row> i = itemFactors.join(items, itemFactors.col("id").equalTo(items.col("i")))
                .select(items.col("id"), itemFactors.col("features"));
        return new Trained(u, i, seconds, config.iterations());
    }

    /** Numbers the ids 0..n-1 (ALS wants integer ids). */
    private static Dataset<Row> index(SparkSession spark, Dataset<Row> ids, String column) {
        StructType schema = new StructType(new StructField[] {
                DataTypes.createStructField("id", DataTypes.StringType, false),
                DataTypes.createStructField(column, DataTypes.IntegerType, false)});
        return spark.createDataFrame(ids.javaRDD().zipWithIndex().map(t -> RowFactory.create(t._1().getString(0),
                (int) (long) t._2())), schema);
    }

    private static float[] flat(List<float[]> rows, int rank) {
        float[] out = new float[rows.size() * rank];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, out, r * rank, rank);
        }
        return out;
    }
}
