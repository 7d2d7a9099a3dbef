package dev.braid.plugin.retrieval;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.Environment;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.compute.ComputeBackend;
import dev.braid.api.compute.UnitVectors;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.generator.FitState;
import dev.braid.api.generator.Generator;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.Scores;
import dev.braid.api.generator.TrainingData;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approximate content retrieval for large catalogs: an HNSW index (Apache Lucene) over the unit-length fused
 * item vectors answers the same queries as {@code content-profile} (the user's profile, the mean of their history
 * items' unit vectors; or a query vector; or a blend of both) without scoring every item.
 *
 * <p>The {@code candidates} items found get their cosine; every other item gets {@link Float#NEGATIVE_INFINITY}
 * (this stage retrieves). Items an earlier stage set to negative infinity are skipped inside the search, so a
 * {@code rules} stage placed before this one filters (e.g. seen items) without costing candidates. A query with
 * neither a known user nor a vector sets every score to 0 and leaves the decision to later stages. The request
 * parameter {@value #EF_PARAM} overrides {@code efSearch} for one query.
 *
 * <p>The graph is built on every processor by default, and kept in the cache folder
 * ({@code ann-content/hnsw-KEY.bin}, KEY a 64-bit hash of the unit vectors, the rows holding one, and the graph
 * parameters), so a restart or a rebuild over the same vectors reads it instead of building it again.
 */
@BraidComponent(name = "ann-content", config = AnnContentConfig.class,
        description = "approximate top-K by cosine to the user's profile or a query vector, from an HNSW index "
                + "(Lucene) over the fused item vectors")
public final class AnnContentGenerator implements Generator {
    private static final Logger LOG = LoggerFactory.getLogger(AnnContentGenerator.class);
    static final String NAME = "ann-content";
    /** Request parameter overriding {@code efSearch} for one query (recall/latency trade-off). */
    public static final String EF_PARAM = "ann.ef";

    private final AnnContentConfig config;
    private final ComputeBackend backend;
    private final Path cacheDir;
    private final FitState<Fitted> fitted = new FitState<>(NAME);

    public AnnContentGenerator(AnnContentConfig config, ComputeBackend backend, Environment environment) {
        if (config.maxConn() < 2 || config.beamWidth() < 1 || config.efSearch() < 1 || config.candidates() < 1) {
            throw new IllegalArgumentException("maxConn >= 2, beamWidth, efSearch and candidates >= 1 expected, got "
                    + config);
        }
        if (!(config.vectorWeight() >= 0 && config.vectorWeight() <= 1)) {
            throw new IllegalArgumentException("vectorWeight: must be in [0, 1], got " + config.vectorWeight());
        }
        this.config = config;
        this.backend = Objects.requireNonNull(backend, "backend");
        this.cacheDir = environment.cacheDirectory().resolve(NAME);
    }

    @Override
    public void fit(TrainingData data, ProgressListener progress) {
        FeatureMatrix fused = data.features().requireFused(NAME);
        if (fused.rows() != data.catalog().size()) {
            throw new IllegalArgumentException(NAME + ": the fused matrix has " + fused.rows()
                    + " rows but the catalog has " + data.catalog().size() + " items");
        }
        int rows = fused.rows();
        int dim = fused.dim();
        FeatureMatrix units = UnitVectors.unitRows(fused, backend);
        float[] unit = units.sharedValues();
        BitSet present = units.presence();
        progress.start(NAME + ": building the HNSW index", 1);
        long t0 = System.nanoTime();
        long seed = config.seed() != 0 ? config.seed() : data.seed();
        long key = key(unit, dim, present, seed);
        Path file = cacheDir.resolve(String.format(Locale.ROOT, "hnsw-%016x.bin", key));
        HnswIndex index = null;
        if (config.persist()) {
            try {
                index = HnswIndex.read(file, key, unit, rows, dim, present);
            } catch (IllegalArgumentException e) {
                LOG.warn("{}: {}; building the index again", NAME, e.getMessage());
            }
        }
        boolean loaded = index != null;
        int threads = config.buildThreads() > 0 ? config.buildThreads() : Runtime.getRuntime().availableProcessors();
        if (!loaded) {
            index = HnswIndex.build(unit, rows, dim, present, config.maxConn(), config.beamWidth(), seed, threads);
            if (config.persist()) {
                index.write(file, key);
            }
        }
        progress.advance(1);
        progress.finish();
        fitted.set(new Fitted(data.catalog(), data.interactions(), unit, dim, index, loaded));
        LOG.info("{}: HNSW over {} of {} items (dimension {}, M {}, beam {}) {} in {} s", NAME, index.size(), rows, dim,
                config.maxConn(), config.beamWidth(), loaded ? "read from " + file : "built on " + threads
                        + " thread(s)" + (config.persist() ? ", saved to " + file : ""),
                String.format(Locale.ROOT, "%.2f", (System.nanoTime() - t0) / 1e9));
    }

    /** What the graph depends on: the unit vectors, the rows holding one, the graph parameters and the seed. */
    private long key(float[] unit, int dim, BitSet present, long seed) {
        long h = mix(0x9E37_79B9_7F4A_7C15L, config.maxConn());
        h = mix(h, config.beamWidth());
        h = mix(h, seed);
        h = mix(h, dim);
        h = mix(h, unit.length);
        for (long w : present.toLongArray()) {
            h = mix(h, w);
        }
        for (int i = 0; i < unit.length; i += 2) {
            long bits = (long) Float.floatToIntBits(unit[i]) << 32;
            if (i + 1 < unit.length) {
                bits |= Float.floatToIntBits(unit[i + 1]) & 0xFFFF_FFFFL;
            }
            h = mix(h, bits);
        }
        return h;
    }

    private static long mix(long h, long v) {
        long x = (h ^ v) * 0xBF58_476D_1CE4_E5B9L;
        x ^= x >>> 31;
        x *= 0x94D0_49BB_1331_11EBL;
        return x ^ (x >>> 29);
    }

    @Override
    public void score(Query query, float[] scores) {
        Fitted f = fitted.get();
        Scores.requireSlots(NAME, scores, f.catalog().size());
        float[] q = queryDirection(f, query);
        if (q == null) {
            Scores.fill(0f, scores);
            return;
        }
        int ef = Math.max(ef(query), config.candidates());
        HnswIndex.Hits hits = f.index().search(q, config.candidates(), ef, filteredThenCleared(scores));
        for (int i = 0; i < hits.rows().length; i++) {
            scores[hits.rows()[i]] = hits.cosines()[i];
        }
    }

    /**
     * The rows an earlier stage filtered (negative infinity), as a bit set read by the search (null when none is),
     * setting every score to negative infinity on the way: one sequential pass both reads the filters and clears
     * the array for the retrieved items, cheaper than reading the scores at random for every visited node.
     */
    private static long[] filteredThenCleared(float[] scores) {
        long[] bits = null;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] == Float.NEGATIVE_INFINITY) {
                if (bits == null) {
                    bits = new long[(scores.length + 63) >>> 6];
                }
                bits[i >>> 6] |= 1L << i;
            }
            scores[i] = Float.NEGATIVE_INFINITY;
        }
        return bits;
    }

    /** The search beam: the request parameter {@value #EF_PARAM} when given, else {@code efSearch}. */
    private int ef(Query query) {
        String v = query.params().get(EF_PARAM);
        if (v == null) {
            return config.efSearch();
        }
        try {
            int ef = Integer.parseInt(v.trim());
            if (ef >= 1) {
                return ef;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(NAME + ": request parameter " + EF_PARAM + " must be a positive integer, got '"
                + v + "'");
    }

    /** Says that the item was retrieved from the index. */
    @Override
    public List<String> explain(Query query, int item) {
        Fitted f = fitted.get();
        return f.index().contains(item) ? List.of(NAME + ": HNSW neighbour") : List.of(NAME + ": no fused vector");
    }

    /** The unit query direction: profile, vector, or their blend; null when the query has neither. */
    private float[] queryDirection(Fitted f, Query query) {
        float[] profile = profile(f, query.user());
        float[] vector = null;
        float[] v = query.vector();
        if (v != null) {
            if (v.length != f.dim()) {
                throw new IllegalArgumentException(NAME + ": the query vector has dimension " + v.length
                        + ", but the fused item vectors have " + f.dim());
            }
            vector = UnitVectors.unitOrNull(toDouble(v));
            if (vector == null) {
                throw new IllegalArgumentException(NAME + ": the query vector is all zeros or not finite");
            }
        }
        if (profile == null || vector == null) {
            return profile != null ? profile : vector;
        }
        double[] d = new double[f.dim()];
        double w = config.vectorWeight();
        for (int i = 0; i < d.length; i++) {
            d[i] = (1 - w) * profile[i] + w * vector[i];
        }
        return UnitVectors.unitOrNull(d);
    }

    private static float[] profile(Fitted f, String user) {
        InteractionMatrix m = f.interactions();
        int u = user == null ? -1 : m.userIndex(user);
        if (u < 0) {
            return null;
        }
        double[] acc = new double[f.dim()];
        boolean any = false;
        for (int j = 0; j < m.degree(u); j++) {
            int item = m.item(u, j);
            if (f.index().contains(item)) {
                int base = item * f.dim();
                for (int d = 0; d < f.dim(); d++) {
                    acc[d] += f.unit()[base + d];
                }
                any = true;
            }
        }
        return any ? UnitVectors.unitOrNull(acc) : null;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    /** Whether the last fit read the graph from the cache folder instead of building it. */
    boolean indexWasRead() {
        return fitted.get().read();
    }

    /** What fit prepared: the unit item vectors and the graph over them. */
    private record Fitted(Catalog catalog, InteractionMatrix interactions, float[] unit, int dim, HnswIndex index,
                          boolean read) {
    }
}
