package dev.braid.plugin.retrieval;

import dev.braid.api.io.ModelFile;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.HnswConcurrentMergeBuilder;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.NeighborArray;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * An HNSW graph (built with Apache Lucene's {@link HnswGraphBuilder}, or its concurrent builder on several threads)
 * over unit vectors, searched by inner product (cosine). Nodes are the rows of the matrix that hold a vector.
 *
 * <p>Once built, the graph is copied into flat arrays (neighbours of every node, level by level): searches read it
 * through their own cursor ({@link View}), so any number run at once, and the arrays are what the index file holds
 * ({@link #write}, {@link #read}).
 *
 * <p>The graph is built on the float vectors; a search walks it on int8 codes of them (one byte per dimension,
 * scaled by the largest component; a 64-dimensional vector is one cache line instead of four), because a walk is
 * bound by the random reads of the vectors it visits. The beam's results are then re-scored with the float vectors,
 * so the rows returned and their cosines are exact; only which rows reach the beam can differ.
 */
final class HnswIndex {
    /**
     * The index file: {@link ModelFile}'s header (the key as its fingerprint), then the node rows and the graph.
     * Format 1 had a header of its own; such a file is refused by the reader, so the generator builds the index again.
     */
    static final ModelFile FILE = new ModelFile(0x4252_4149_4448_4E31L, 2, "HNSW index"); // "BRAIDHN1"
    private static final String KIND = AnnContentGenerator.NAME;

    private final float[] unit;
    private final int dim;
    /** Node ordinal to matrix row, and back (-1 when the row has no vector). */
    private final int[] rowOfNode;
    private final int[] nodeOfRow;
    /** The graph, or null when no row has a vector. */
    private final Graph graph;
    /** Node-major int8 codes of the vectors ({@code round(v * scale)}), what searches walk the graph on. */
    private final byte[] codes;
    private final float scale;

    private HnswIndex(float[] unit, int dim, int[] rowOfNode, int[] nodeOfRow, Graph graph) {
        this.unit = unit;
        this.dim = dim;
        this.rowOfNode = rowOfNode;
        this.nodeOfRow = nodeOfRow;
        this.graph = graph;
        float max = 0;
        for (int row : rowOfNode) {
            for (int i = 0; i < dim; i++) {
                max = Math.max(max, Math.abs(unit[row * dim + i]));
            }
        }
        this.scale = max > 0 ? 127f / max : 1f;
        this.codes = new byte[rowOfNode.length * dim];
        for (int n = 0; n < rowOfNode.length; n++) {
            quantize(unit, rowOfNode[n] * dim, codes, n * dim);
        }
    }

    private void quantize(float[] v, int offset, byte[] out, int at) {
        for (int i = 0; i < dim; i++) {
            out[at + i] = (byte) Math.max(-127, Math.min(127, Math.round(v[offset + i] * scale)));
        }
    }

    /**
     * Builds the graph over the rows in {@code present} of a row-major matrix of unit vectors.
     *
     * @param unit    shared, never modified afterwards
     * @param threads 1: Lucene's sequential builder (the graph depends only on the seed); more: its concurrent
     *                builder on that many threads (faster; the graph also depends on thread timing)
     */
    static HnswIndex build(float[] unit, int rows, int dim, BitSet present, int maxConn, int beamWidth, long seed,
                           int threads) {
        int[] rowOfNode = present.stream().toArray();
        int[] nodeOfRow = nodeOfRow(rowOfNode, rows);
        int n = rowOfNode.length;
        if (n == 0) {
            return new HnswIndex(unit, dim, rowOfNode, nodeOfRow, null);
        }
        RandomVectorScorerSupplier supplier = new RandomVectorScorerSupplier() {
            @Override
            public RandomVectorScorer scorer(int ord) {
                return new Scorer(unit, rowOfNode[ord] * dim, unit, rowOfNode, dim);
            }

            @Override
            public RandomVectorScorerSupplier copy() {
                return this; // stateless
            }
        };
        try {
            OnHeapHnswGraph built;
            // The concurrent builder hands out batches of 2,048 nodes: below two batches it would run alone anyway.
            if (threads <= 1 || n < 4096) {
                built = HnswGraphBuilder.create(supplier, maxConn, beamWidth, seed).build(n);
            } else {
                built = buildConcurrently(supplier, maxConn, beamWidth, seed, n, threads);
            }
            return new HnswIndex(unit, dim, rowOfNode, nodeOfRow, Graph.of(built));
        } catch (IOException e) {
            throw new UncheckedIOException("building the HNSW graph", e);
        }
    }

    private static OnHeapHnswGraph buildConcurrently(RandomVectorScorerSupplier supplier, int maxConn, int beamWidth,
                                                     long seed, int n, int threads) throws IOException {
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ann-content-build-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            // An empty graph sized for n nodes (its constructor is not public; the sequential builder makes one).
            OnHeapHnswGraph empty = HnswGraphBuilder.create(supplier, maxConn, beamWidth, seed, n).getGraph();
            HnswConcurrentMergeBuilder builder;
            synchronized (HnswIndex.class) {
                // The concurrent workers take their level seed from this static field when constructed.
                HnswGraphBuilder.randSeed = seed;
                builder = new HnswConcurrentMergeBuilder(new TaskExecutor(pool), threads, supplier, maxConn,
                        beamWidth, empty, null);
            }
            return builder.build(n);
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int[] nodeOfRow(int[] rowOfNode, int rows) {
        int[] nodeOfRow = new int[rows];
        Arrays.fill(nodeOfRow, -1);
        for (int n = 0; n < rowOfNode.length; n++) {
            nodeOfRow[rowOfNode[n]] = n;
        }
        return nodeOfRow;
    }

    int size() {
        return rowOfNode.length;
    }

    /**
     * The (up to) {@code k} rows most similar to a unit query, best first, searching with a beam of {@code ef}.
     *
     * @param rejected rows that may not be returned (bit {@code row} set), or null for none
     * @return the rows, best first, with their cosines
     */
    Hits search(float[] query, int k, int ef, long[] rejected) {
        if (graph == null) {
            return new Hits(new int[0], new float[0]);
        }
        byte[] q = new byte[dim];
        quantize(query, 0, q, 0);
        RandomVectorScorer scorer = new CodeScorer(q, codes, dim, 1f / (scale * scale), rowOfNode.length);
        TopKnnCollector collector = new TopKnnCollector(Math.max(k, ef), Integer.MAX_VALUE);
        Bits acceptOrds = rejected == null ? null : new Bits() {
            @Override
            public boolean get(int index) {
                int row = rowOfNode[index];
                return (rejected[row >>> 6] & (1L << row)) == 0;
            }

            @Override
            public int length() {
                return rowOfNode.length;
            }
        };
        try {
            HnswGraphSearcher.search(scorer, collector, new View(graph), acceptOrds);
        } catch (IOException e) {
            throw new UncheckedIOException("searching the HNSW graph", e);
        }
        // Re-score the whole beam with the float vectors: exact cosines, best first, ties by lower row.
        TopDocs top = collector.topDocs();
        int m = top.scoreDocs.length;
        int[] beamRows = new int[m];
        float[] beamCos = new float[m];
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            beamRows[i] = rowOfNode[top.scoreDocs[i].doc];
            beamCos[i] = dot(query, 0, unit, beamRows[i] * dim, dim);
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> beamCos[a] != beamCos[b] ? Float.compare(beamCos[b], beamCos[a])
                : Integer.compare(beamRows[a], beamRows[b]));
        int n = Math.min(k, m);
        int[] rows = new int[n];
        float[] cos = new float[n];
        for (int i = 0; i < n; i++) {
            rows[i] = beamRows[order[i]];
            cos[i] = beamCos[order[i]];
        }
        return new Hits(rows, cos);
    }

    /** Whether a row is a node of the graph. */
    boolean contains(int row) {
        return nodeOfRow[row] >= 0;
    }

    /**
     * Writes the graph atomically (temporary file in the same folder, forced, moved over the target).
     *
     * @param key what the graph was built from (see {@link AnnContentGenerator}); {@link #read} checks it
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    void write(Path target, long key) {
        FILE.write(target, KIND, key, out -> {
            out.writeInt(rowOfNode.length);
            ints(out, rowOfNode);
            if (graph != null) {
                graph.write(out);
            }
        });
    }

    /**
     * Reads an index file written for the same vectors.
     *
     * @return the index, or {@code null} when there is no file or it was built from something else ({@code key})
     * @throws IllegalArgumentException naming the file when it is not an index file of this format or is damaged
     */
    static HnswIndex read(Path file, long key, float[] unit, int rows, int dim, BitSet present) {
        return FILE.readIfMatching(file, KIND, key, in -> {
            int[] rowOfNode = ints(in, in.readInt(), rows, "node rows");
            if (!Arrays.equals(rowOfNode, present.stream().toArray())) {
                throw new IOException("its nodes are not the rows holding a vector");
            }
            Graph graph = rowOfNode.length == 0 ? null : Graph.read(in, rowOfNode.length);
            return new HnswIndex(unit, dim, rowOfNode, nodeOfRow(rowOfNode, rows), graph);
        });
    }

    private static void ints(DataOutputStream out, int[] a) throws IOException {
        for (int x : a) {
            out.writeInt(x);
        }
    }

    /** Reads {@code n} ints, each in {@code [0, bound)}. */
    private static int[] ints(DataInputStream in, int n, int bound, String what) throws IOException {
        if (n < 0 || n > 1 << 30) {
            throw new IOException(what + ": bad length " + n);
        }
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readInt();
            if (a[i] < 0 || a[i] >= bound) {
                throw new IOException(what + ": value " + a[i] + " outside [0, " + bound + ")");
            }
        }
        return a;
    }

    /** Search results: matrix rows, best first, and their cosines. */
    record Hits(int[] rows, float[] cosines) {
    }

    /** Dot product with four accumulators (64-dimensional vectors: a few nanoseconds, no call overhead). */
    static float dot(float[] a, int ao, float[] b, int bo, int dim) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (int bound = dim & ~3; i < bound; i += 4) {
            s0 += a[ao + i] * b[bo + i];
            s1 += a[ao + i + 1] * b[bo + i + 1];
            s2 += a[ao + i + 2] * b[bo + i + 2];
            s3 += a[ao + i + 3] * b[bo + i + 3];
        }
        for (; i < dim; i++) {
            s0 += a[ao + i] * b[bo + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Scores nodes on their int8 codes, as {@code (1 + cos) / 2} like {@link Scorer}, for walking the graph. */
    private static final class CodeScorer implements RandomVectorScorer {
        private final byte[] query;
        private final byte[] codes;
        private final int dim;
        private final float unscale;
        private final int nodes;

        CodeScorer(byte[] query, byte[] codes, int dim, float unscale, int nodes) {
            this.query = query;
            this.codes = codes;
            this.dim = dim;
            this.unscale = unscale;
            this.nodes = nodes;
        }

        @Override
        public float score(int node) {
            int at = node * dim;
            int s = 0;
            for (int i = 0; i < dim; i++) {
                s += query[i] * codes[at + i];
            }
            return Math.max(0f, (1 + s * unscale) / 2);
        }

        @Override
        public int maxOrd() {
            return nodes;
        }
    }

    /** Scores nodes by {@code (1 + cos) / 2}, Lucene's non-negative form of the dot product of unit vectors. */
    private static final class Scorer implements RandomVectorScorer {
        private final float[] query;
        private final int offset;
        private final float[] unit;
        private final int[] rowOfNode;
        private final int dim;

        Scorer(float[] query, int offset, float[] unit, int[] rowOfNode, int dim) {
            this.query = query;
            this.offset = offset;
            this.unit = unit;
            this.rowOfNode = rowOfNode;
            this.dim = dim;
        }

        @Override
        public float score(int node) {
            return Math.max(0f, (1 + dot(query, offset, unit, rowOfNode[node] * dim, dim)) / 2);
        }

        @Override
        public int maxOrd() {
            return rowOfNode.length;
        }
    }

    /**
     * The graph in flat arrays: for each level, the nodes on it (level 0: all, implicitly), and their neighbours
     * ({@code neighbours[level][start[level][i] .. start[level][i + 1])} for the i-th node of the level).
     */
    private record Graph(int size, int entryNode, int[][] nodes, int[][] start, int[][] neighbours) {

        static Graph of(OnHeapHnswGraph g) throws IOException {
            int levels = g.numLevels();
            int[][] nodes = new int[levels][];
            int[][] start = new int[levels][];
            int[][] neighbours = new int[levels][];
            for (int level = 0; level < levels; level++) {
                int[] on = HnswGraph.NodesIterator.getSortedNodes(g.getNodesOnLevel(level));
                nodes[level] = level == 0 ? null : on;
                int[] s = new int[on.length + 1];
                for (int i = 0; i < on.length; i++) {
                    s[i + 1] = s[i] + g.getNeighbors(level, on[i]).size();
                }
                int[] nb = new int[s[on.length]];
                for (int i = 0; i < on.length; i++) {
                    NeighborArray a = g.getNeighbors(level, on[i]);
                    System.arraycopy(a.nodes(), 0, nb, s[i], a.size());
                }
                start[level] = s;
                neighbours[level] = nb;
            }
            return new Graph(g.size(), g.entryNode(), nodes, start, neighbours);
        }

        /** The index of a node within its level, or -1 when it is not on the level. */
        int slot(int level, int node) {
            if (level == 0) {
                return node;
            }
            int i = Arrays.binarySearch(nodes[level], node);
            return i >= 0 ? i : -1;
        }

        void write(DataOutputStream out) throws IOException {
            out.writeInt(entryNode);
            out.writeInt(nodes.length);
            for (int level = 0; level < nodes.length; level++) {
                if (level > 0) {
                    out.writeInt(nodes[level].length);
                    ints(out, nodes[level]);
                }
                ints(out, start[level]);
                out.writeInt(neighbours[level].length);
                ints(out, neighbours[level]);
            }
        }

        static Graph read(DataInputStream in, int size) throws IOException {
            int entry = in.readInt();
            int levels = in.readInt();
            if (entry < 0 || entry >= size || levels < 1 || levels > 64) {
                throw new IOException("bad header (entry node " + entry + ", " + levels + " levels)");
            }
            int[][] nodes = new int[levels][];
            int[][] start = new int[levels][];
            int[][] neighbours = new int[levels][];
            for (int level = 0; level < levels; level++) {
                int count = size;
                if (level > 0) {
                    nodes[level] = ints(in, in.readInt(), size, "level " + level + " nodes");
                    count = nodes[level].length;
                }
                start[level] = ints(in, count + 1, Integer.MAX_VALUE, "level " + level + " offsets");
                neighbours[level] = ints(in, in.readInt(), size, "level " + level + " neighbours");
                if (start[level][count] != neighbours[level].length) {
                    throw new IOException("level " + level + ": offsets do not match the neighbour count");
                }
            }
            return new Graph(size, entry, nodes, start, neighbours);
        }
    }

    /** A read-only cursor over the graph, one per search, so searches can run concurrently. */
    private static final class View extends HnswGraph {
        private final Graph graph;
        private int[] current = new int[0];
        private int next;
        private int end;

        View(Graph graph) {
            this.graph = graph;
        }

        @Override
        public void seek(int level, int target) {
            int slot = graph.slot(level, target);
            current = graph.neighbours()[level];
            if (slot < 0) {
                next = end = 0;
            } else {
                next = graph.start()[level][slot];
                end = graph.start()[level][slot + 1];
            }
        }

        @Override
        public int nextNeighbor() {
            return next < end ? current[next++] : DocIdSetIterator.NO_MORE_DOCS;
        }

        @Override
        public int size() {
            return graph.size();
        }

        @Override
        public int maxNodeId() {
            return graph.size() - 1;
        }

        @Override
        public int numLevels() {
            return graph.nodes().length;
        }

        @Override
        public int entryNode() {
            return graph.entryNode();
        }

        @Override
        public NodesIterator getNodesOnLevel(int level) {
            return level == 0 ? new ArrayNodesIterator(graph.size())
                    : new ArrayNodesIterator(graph.nodes()[level], graph.nodes()[level].length);
        }
    }
}
