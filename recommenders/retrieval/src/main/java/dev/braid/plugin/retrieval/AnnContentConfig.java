package dev.braid.plugin.retrieval;

import dev.braid.api.component.Param;

/**
 * Configuration of the {@code ann-content} generator.
 *
 * @param maxConn        HNSW: neighbours per node (Lucene's {@code M})
 * @param beamWidth      HNSW: candidate list size while building ({@code efConstruction})
 * @param efSearch       HNSW: candidate list size while searching; at least {@code candidates}
 * @param candidates     items retrieved per query; every other item gets negative infinity
 * @param vectorWeight   with both a known user and a query vector: the vector's share of the query direction
 * @param seed           seed of the graph's level assignment (0 = the training seed)
 * @param buildThreads   threads building the graph; 0 = one per available processor; 1 = the sequential builder,
 *                       whose graph depends on the seed only (several threads: also on their timing)
 * @param persist        keep the graph in the cache folder, keyed by what it was built from (vectors and the
 *                       parameters above), so a restart or a new generation over the same vectors reads it back
 */
public record AnnContentConfig(
        @Param(description = "HNSW neighbours per node (M)", defaultValue = "16", min = 2, max = 512) int maxConn,
        @Param(description = "HNSW beam width while building (efConstruction)", defaultValue = "100", min = 1)
        int beamWidth,
        @Param(description = "HNSW beam width while searching (ef); raised to candidates", defaultValue = "100",
                min = 1) int efSearch,
        @Param(description = "items retrieved per query (others get -infinity)", defaultValue = "100", min = 1)
        int candidates,
        @Param(description = "share of the query vector when a query has both a user and a vector",
                defaultValue = "0.5", min = 0, max = 1) double vectorWeight,
        @Param(description = "seed of the HNSW level assignment; 0 = the training seed", defaultValue = "0")
        long seed,
        @Param(description = "threads building the graph; 0 = one per processor, 1 = sequential (reproducible)",
                defaultValue = "0", min = 0) int buildThreads,
        @Param(description = "keep the built graph in the cache folder and read it back when the vectors and "
                + "parameters are the same", defaultValue = "true") boolean persist) {

    /** Lucene's defaults (M 16, beam 100), ef 100, 100 candidates, all processors, persisted. */
    public static AnnContentConfig defaults() {
        return new AnnContentConfig(16, 100, 100, 100, 0.5, 0, 0, true);
    }
}
