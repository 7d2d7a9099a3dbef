package dev.braid.spark;

import dev.braid.api.component.Param;
import java.io.Serializable;

/**
 * The {@code spark:} section of a Braid configuration: what only the Spark job reads. Every other section (dataset,
 * encoders, fusion, generators, evaluation) means what it means to {@code braid run}.
 *
 * @param mediaBase    base URI that image and audio paths resolve against (any Hadoop file system)
 * @param partitions   partitions of the catalog and of the users; 0 keeps Spark's default parallelism
 * @param batchSize    items per encoder call inside a task
 * @param cache        local folder on each executor for natives, models and the plugin cache
 * @param fusionSample items the fusion strategy fits on (a deterministic sample by id hash when the catalog is larger)
 * @param k            recommendations per user in the recommend stage
 * @param variant      the variant to run; empty = the first one
 */
public record SparkSettings(
        @Param(description = "base URI of media paths (file:/..., hdfs://..., s3a://...); empty = the catalog "
                + "file's folder", defaultValue = "") String mediaBase,
        @Param(description = "partitions of the catalog and of the users; 0 = Spark's default parallelism",
                defaultValue = "0", min = 0) int partitions,
        @Param(description = "items per encoder call inside a task", defaultValue = "64", min = 1) int batchSize,
        @Param(description = "local folder on each executor for natives and models; empty = "
                + "<java.io.tmpdir>/braid-spark", defaultValue = "") String cache,
        @Param(description = "items the fusion strategy fits on", defaultValue = "200000", min = 1)
        int fusionSample,
        @Param(description = "recommendations per user (recommend stage)", defaultValue = "100", min = 1) int k,
        @Param(description = "the variant to run; empty = the first one", defaultValue = "") String variant)
        implements Serializable {

    /** The executor-local cache folder. */
    public String cacheOrDefault() {
        return cache.isBlank() ? System.getProperty("java.io.tmpdir") + "/braid-spark" : cache;
    }
}
