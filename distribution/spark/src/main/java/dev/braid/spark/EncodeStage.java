package dev.braid.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.xxhash64;

import dev.braid.api.data.Modality;
import dev.braid.api.fusion.FusionStrategy;
import dev.braid.api.fusion.ModalityVectors;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stages {@code encode} and {@code fuse}: the catalog is read and partitioned, every partition is encoded by the
 * executor's encoders, and the result is written as Parquet — {@code items/}: item id, one vector (or null) per
 * modality, then the fused vector; {@code errors/}: item, modality, kind, message for every item an encoder could
 * not encode. The fusion strategy fits on a deterministic sample of the encoded items ({@code spark.fusionSample},
 * with the interactions on them), the same on every executor.
 */
final class EncodeStage {
    private static final Logger log = LoggerFactory.getLogger(EncodeStage.class);
    static final String FUSED = "fused";

    private EncodeStage() {
    }

    /** What the stage wrote. */
    record Result(long items, long failures, Map<String, Integer> dimensions, double seconds) {
    }

    static Result encode(SparkSession spark, JobSpec spec, String out) {
        long t0 = System.nanoTime();
        ExecutorEngine engine = ExecutorEngine.get(spec); // validates the pipeline on the driver, before any task
        List<Modality> modalities = List.copyOf(engine.encoders().keySet());
        TabularSource source = new TabularSource(spec);
        ItemReader reader = new ItemReader(source.catalogColumns(), source.mediaBase());
        String id = reader.idColumn();
        // One shuffle both spreads the catalog over the partitions and de-duplicates it: rows of one id land in one
        // partition, where PartitionEncoder keeps the first.
        int partitions = spec.settings().partitions() > 0 ? spec.settings().partitions()
                : spark.sparkContext().defaultParallelism();
        Dataset<Row> catalog = source.catalog(spark).where(col(id).isNotNull()).repartition(partitions, col(id));
        int batch = spec.settings().batchSize();
        LongAccumulator rows = spark.sparkContext().longAccumulator("braid.encode.items");
        LongAccumulator failed = spark.sparkContext().longAccumulator("braid.encode.failures");
        Dataset<Row> encoded = catalog.mapPartitions((MapPartitionsFunction<Row, Row>) in ->
                new PartitionEncoder(in, reader, ExecutorEngine.get(spec), batch, rows, failed), Encoders.row(
                encodedSchema(modalities)));
        encoded.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> errors = encoded.select(col("id"), explode(col("failures")).as("f"))
                    .select(col("id"), col("f.modality").as("modality"), col("f.kind").as("kind"),
                            col("f.message").as("message"));
            Dataset<Row> vectors = encoded.drop("failures");
            // The first write encodes (and fills the cache the second one reads). Its tasks are the result stage of
            // its job, whose accumulator updates count once per partition (retried and speculative attempts add
            // nothing), so the counts are exact without reading the output back; they are read before the second
            // write, which could recompute a lost cached partition.
            long n;
            long failures;
            if (engine.pipeline().fusion() == null) {
                // Nothing to fuse: the job that encodes also writes items/; errors/ comes from the cache.
                withoutAdaptiveExecution(spark, () -> vectorWriter(vectors).parquet(out + "/items"));
                n = rows.value();
                failures = failed.value();
                errors.write().mode(SaveMode.Overwrite).parquet(out + "/errors");
            } else {
                // The fusion fits on a sample of the encoded vectors: encode (writing errors/), then fuse.
                withoutAdaptiveExecution(spark, () -> errors.write().mode(SaveMode.Overwrite)
                        .parquet(out + "/errors"));
                n = rows.value();
                failures = failed.value();
                vectorWriter(fuse(spark, spec, engine, vectors, modalities)).parquet(out + "/items");
            }
            Map<String, Integer> dims = new LinkedHashMap<>();
            engine.encoders().forEach((m, e) -> dims.put(m.key(), e.dimension()));
            double seconds = (System.nanoTime() - t0) / 1e9;
            log.info("encode: {} items, {} failures, {} s", n, failures, String.format("%.1f", seconds));
            return new Result(n, failures, dims, seconds);
        } finally {
            encoded.unpersist();
        }
    }

    /**
     * A writer for tables of vectors, without Parquet's dictionary encoding: the values of embeddings hardly repeat,
     * so building a dictionary per column chunk only costs time (the writer's largest cost in a profile of the
     * encode stage) before Parquet falls back to plain encoding.
     */
    private static org.apache.spark.sql.DataFrameWriter<Row> vectorWriter(Dataset<Row> vectors) {
        return vectors.write().mode(SaveMode.Overwrite).option("parquet.enable.dictionary", "false");
    }

    /**
     * Runs the write that encodes with adaptive query execution off. With it on, Spark first fills the cache of
     * encoded rows in a job of its own and then writes from the cache in another: one more job, each with its
     * planning and scheduling, for nothing to adapt (no join, a fixed partitioning). The session's setting is
     * restored afterwards; the stages of a job run one after the other.
     */
    private static void withoutAdaptiveExecution(SparkSession spark, Runnable write) {
        String key = "spark.sql.adaptive.enabled";
        String before = spark.conf().get(key, "true");
        spark.conf().set(key, "false");
        try {
            write.run();
        } finally {
            spark.conf().set(key, before);
        }
    }

    /** Stage {@code fuse} alone: refits the fusion on an existing {@code items/} output and rewrites it. */
    static long refuse(SparkSession spark, JobSpec spec, String out) {
        ExecutorEngine engine = ExecutorEngine.get(spec);
        List<Modality> modalities = List.copyOf(engine.encoders().keySet());
        Dataset<Row> existing = spark.read().parquet(out + "/items");
        List<Column> keep = new ArrayList<>();
        keep.add(col("id"));
        modalities.forEach(m -> keep.add(col(m.key())));
        Dataset<Row> vectors = existing.select(keep.toArray(Column[]::new)).localCheckpoint();
        Dataset<Row> items = fuse(spark, spec, engine, vectors, modalities);
        vectorWriter(items).parquet(out + "/items.fused");
        return spark.read().parquet(out + "/items.fused").count();
    }

    private static Dataset<Row> fuse(SparkSession spark, JobSpec spec, ExecutorEngine engine, Dataset<Row> vectors,
                                     List<Modality> modalities) {
        if (engine.pipeline().fusion() == null) {
            return vectors;
        }
        FusionSample sample = sample(spark, spec, vectors, modalities, engine);
        engine.fusion(sample); // fails here, on the driver, when the strategy cannot fit on these vectors
        Broadcast<FusionSample> shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(sample);
        StructType schema = vectors.schema().add(FUSED, DataTypes.createArrayType(DataTypes.FloatType), true);
        return vectors.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> {
            FusionStrategy fusion = ExecutorEngine.get(spec).fusion(shared.value());
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public Row next() {
                    Row r = rows.next();
                    EnumMap<Modality, float[]> v = new EnumMap<>(Modality.class);
                    Object[] values = new Object[r.size() + 1];
                    for (int i = 0; i < r.size(); i++) {
                        values[i] = r.get(i);
                    }
                    for (int m = 0; m < modalities.size(); m++) {
                        float[] x = floats(r, m + 1);
                        if (x != null) {
                            v.put(modalities.get(m), x);
                        }
                    }
                    values[r.size()] = v.isEmpty() ? null : fusion.fuse(ModalityVectors.of(v));
                    return RowFactory.create(values);
                }
            };
        }, Encoders.row(schema));
    }

    private static FusionSample sample(SparkSession spark, JobSpec spec, Dataset<Row> vectors,
                                       List<Modality> modalities, ExecutorEngine engine) {
        int n = spec.settings().fusionSample();
        Column any = null;
        for (Modality m : modalities) {
            any = any == null ? col(m.key()).isNotNull() : any.or(col(m.key()).isNotNull());
        }
        List<Row> rows = vectors.where(any).orderBy(xxhash64(col("id")), col("id")).limit(n).collectAsList();
        List<String> ids = new ArrayList<>();
        Map<String, float[][]> byModality = new LinkedHashMap<>();
        Map<String, Integer> dims = new LinkedHashMap<>();
        for (int m = 0; m < modalities.size(); m++) {
            byModality.put(modalities.get(m).name(), new float[rows.size()][]);
            dims.put(modalities.get(m).name(), engine.encoders().get(modalities.get(m)).dimension());
        }
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            ids.add(r.getString(0));
            for (int m = 0; m < modalities.size(); m++) {
                byModality.get(modalities.get(m).name())[i] = floats(r, m + 1);
            }
        }
        Dataset<Row> sampleIds = spark.createDataFrame(ids.stream().map(RowFactory::create).toList(),
                new StructType(new StructField[] {DataTypes.createStructField("item", DataTypes.StringType, false)}));
        List<Row> inter = new TabularSource(spec).interactions(spark).join(sampleIds, "item")
                .select("user", "item", "value").collectAsList();
        String[] users = new String[inter.size()];
        String[] items = new String[inter.size()];
        double[] values = new double[inter.size()];
        for (int i = 0; i < inter.size(); i++) {
            users[i] = inter.get(i).getString(0);
            items[i] = inter.get(i).getString(1);
            values[i] = inter.get(i).isNullAt(2) ? Double.NaN : inter.get(i).getDouble(2);
        }
        String key = dev.braid.runtime.util.Hashing.sha256Hex(spec.key() + "|" + ids.size() + "|"
                + String.join(",", ids.subList(0, Math.min(ids.size(), 50))) + "|" + inter.size());
        log.info("fusion sample: {} items, {} interactions", ids.size(), inter.size());
        return new FusionSample(key, ids, byModality, dims, users, items, values);
    }

    static StructType encodedSchema(List<Modality> modalities) {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("id", DataTypes.StringType, false));
        for (Modality m : modalities) {
            fields.add(DataTypes.createStructField(m.key(), DataTypes.createArrayType(DataTypes.FloatType, false),
                    true));
        }
        StructType failure = new StructType(new StructField[] {
                DataTypes.createStructField("modality", DataTypes.StringType, false),
                DataTypes.createStructField("kind", DataTypes.StringType, false),
                DataTypes.createStructField("message", DataTypes.StringType, true)});
        fields.add(DataTypes.createStructField("failures", DataTypes.createArrayType(failure, false), false));
        return new StructType(fields.toArray(StructField[]::new));
    }

    /** A vector column as floats (Parquet hands back a sequence, a fresh row a float array). */
    static float[] floats(Row r, int i) {
        if (r.isNullAt(i)) {
            return null;
        }
        Object v = r.get(i);
        if (v instanceof float[] f) {
            return f;
        }
        List<Object> list = r.getList(i);
        float[] out = new float[list.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = ((Number) list.get(k)).floatValue();
        }
        return out;
    }
}
