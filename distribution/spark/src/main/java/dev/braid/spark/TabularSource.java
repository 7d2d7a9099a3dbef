package dev.braid.spark;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.runtime.config.ConfigException;
import dev.braid.runtime.config.ParamBinder;
import dev.braid.runtime.pipeline.DatasetConfigs;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The dataset of a {@code type: tabular} configuration, read by Spark: the catalog (CSV, TSV, JSON Lines or Parquet,
 * the tabular importer's columns) and the interactions. Paths resolve against the configuration's folder unless they
 * are URIs ({@code hdfs://}, {@code s3a://}, {@code file:}).
 */
final class TabularSource {
    private static final Set<String> RESERVED = Set.of("type", "feedback");

    private final JobSpec spec;
    private final DatasetConfigs.Tabular tabular;

    TabularSource(JobSpec spec) {
        this.spec = spec;
        JsonNode node = spec.tree().get("dataset");
        String type = node == null ? "" : node.path("type").asText("");
        if (!"tabular".equals(type)) {
            throw new ConfigException(spec.configFile(), "dataset.type", "the Spark job reads 'tabular' datasets "
                    + "(catalog and interactions files); got '" + type + "'");
        }
        this.tabular = ParamBinder.bind(DatasetConfigs.Tabular.class, node, "dataset", RESERVED);
        if (tabular.catalog() == null || tabular.catalog().file() == null || tabular.catalog().id() == null) {
            throw new ConfigException(spec.configFile(), "dataset.catalog", "needs at least 'file' and 'id'");
        }
    }

    DatasetConfigs.CatalogColumns catalogColumns() {
        return tabular.catalog();
    }

    /** A path or URI from the configuration, as a URI string Spark and Hadoop read. */
    String uri(String pathOrUri) {
        if (pathOrUri.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !pathOrUri.matches("^[a-zA-Z]:\\\\.*")) {
            return pathOrUri;
        }
        return Path.of(spec.baseDir()).resolve(pathOrUri).normalize().toUri().toString();
    }

    /** Base URI media paths resolve against: {@code spark.mediaBase}, else the catalog file's folder. */
    String mediaBase() {
        String base = spec.settings().mediaBase();
        if (base.isBlank()) {
            String file = uri(tabular.catalog().file());
            base = file.substring(0, file.lastIndexOf('/') + 1);
        } else {
            base = uri(base);
        }
        return base.endsWith("/") ? base : base + "/";
    }

    /** The catalog rows: every configured column, as text (or arrays of text for JSON arrays). */
    Dataset<Row> catalog(SparkSession spark) {
        DatasetConfigs.CatalogColumns c = tabular.catalog();
        Dataset<Row> raw = read(spark, uri(c.file()), c.format(), true);
        List<String> wanted = new ArrayList<>();
        wanted.add(c.id());
        add(wanted, c.title());
        if (c.text() != null) {
            c.text().forEach(t -> add(wanted, t));
        }
        add(wanted, c.image());
        add(wanted, c.audio());
        if (c.attributes() != null) {
            c.attributes().forEach(a -> add(wanted, a));
        }
        List<Column> columns = new ArrayList<>();
        for (String w : wanted) {
            StructField f = field(raw, w, "dataset.catalog", c.file());
            columns.add(f.dataType() instanceof ArrayType ? col(w).cast(DataTypes.createArrayType(
                    DataTypes.StringType)).as(w) : col(w).cast(DataTypes.StringType).as(w));
        }
        return raw.select(columns.toArray(Column[]::new));
    }

    /** The interactions: user, item (text) and value (double, NaN without a rating column). */
    Dataset<Row> interactions(SparkSession spark) {
        DatasetConfigs.InteractionColumns c = tabular.interactions();
        if (c == null || c.file() == null) {
            throw new ConfigException(spec.configFile(), "dataset.interactions", "missing the interactions file");
        }
        Dataset<Row> raw = read(spark, uri(c.file()), c.format(), c.header() == null || c.header());
        String user = c.user() == null ? "user" : c.user();
        String item = c.item() == null ? "item" : c.item();
        field(raw, user, "dataset.interactions.user", c.file());
        field(raw, item, "dataset.interactions.item", c.file());
        Column value = c.rating() == null ? org.apache.spark.sql.functions.lit(Double.NaN)
                : col(c.rating()).cast(DataTypes.DoubleType);
        return raw.select(col(user).cast(DataTypes.StringType).as("user"),
                        col(item).cast(DataTypes.StringType).as("item"), value.as("value"))
                .where(col("user").isNotNull().and(col("item").isNotNull()));
    }

    private StructField field(Dataset<Row> raw, String column, String path, String file) {
        for (StructField f : raw.schema().fields()) {
            if (f.name().equals(column)) {
                return f;
            }
        }
        throw new ConfigException(spec.configFile(), path, "column '" + column + "' is not in " + file
                + " (columns: " + List.of(raw.columns()) + ")");
    }

    private static void add(List<String> list, String column) {
        if (column != null && !column.isBlank() && !list.contains(column)) {
            list.add(column);
        }
    }

    private static Dataset<Row> read(SparkSession spark, String uri, String format, boolean header) {
        String f = format != null && !format.isBlank() ? format.toLowerCase(Locale.ROOT) : byExtension(uri);
        DataFrameReader r = spark.read();
        return switch (f) {
            case "parquet" -> r.parquet(uri);
            case "jsonl", "json", "ndjson" -> r.json(uri);
            case "csv", "tsv" -> r.option("header", String.valueOf(header)).option("multiLine", "true")
                    .option("escape", "\"").option("sep", f.equals("tsv") ? "\t" : ",")
                    .option("inferSchema", "false").csv(uri);
            default -> throw new IllegalArgumentException("unknown format '" + f + "' of " + uri
                    + "; use csv, tsv, jsonl or parquet");
        };
    }

    private static String byExtension(String uri) {
        String name = URI.create(uri.replace(" ", "%20")).getPath().toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet") || name.endsWith("/")) {
            return "parquet";
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return "jsonl";
        }
        if (name.endsWith(".tsv") || name.endsWith(".tab") || name.endsWith(".txt")) {
            return "tsv";
        }
        if (name.endsWith(".csv")) {
            return "csv";
        }
        return "parquet";
    }
}
