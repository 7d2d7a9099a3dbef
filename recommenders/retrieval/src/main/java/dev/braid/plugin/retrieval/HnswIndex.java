package dev.braid.plugin.retrieval;

import dev.braid.api.compute.ComputeBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.BitSet;
import java.util.function.IntPredicate;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.NeighborArray;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * An HNSW graph (Apache Lucene's {@link HnswGraphBuilder}) over unit vectors, searched by inner product (cosine).
 * Nodes are the rows of the matrix that hold a vector; dot products go through the compute backend.
 *
 * <p>Built once, then searched from many threads: each search reads the graph through its own cursor
 * ({@link View}), since Lucene's on-heap graph keeps its iteration cursor in the graph itself.
 */
final class HnswIndex {
    private final float[] unit;
    private final int dim;
    /** Node ordinal to matrix row, and back (-1 when the row has no vector). */
    private final int[] rowOfNode;
    private final int[] nodeOfRow;
    private final OnHeapHnswGraph graph;
    private final ComputeBackend backend;

    private HnswIndex(float[] unit, int dim, int[] rowOfNode, int[] nodeOfRow, OnHeapHnswGraph graph,
                      ComputeBackend backend) {
        this.unit = unit;
        this.dim = dim;
        this.rowOfNode = rowOfNode;
        this.nodeOfRow = nodeOfRow;
        this.graph = graph;
        this.backend = backend;
    }

    /**
     * Builds the graph over the rows in {@code present} of a row-major matrix of unit vectors.
     *
     * @param unit shared, never modified afterwards
     */
    static HnswIndex build(float[] unit, int rows, int dim, BitSet present, int maxConn, int beamWidth, long seed,
                           ComputeBackend backend) {
        int[] rowOfNode = present.stream().toArray();
        int[] nodeOfRow = new int[rows];
        java.util.Arrays.fill(nodeOfRow, -1);
        for (int n = 0; n < rowOfNode.length; n++) {
            nodeOfRow[rowOfNode[n]] = n;
        }
        RandomVectorScorerSupplier supplier = new RandomVectorScorerSupplier() {
            @Override
            public RandomVectorScorer scorer(int ord) {
                int base = rowOfNode[ord] * dim;
                return new NodeScorer(n -> backend.dot(unit, base, unit, rowOfNode[n] * dim, dim), rowOfNode.length);
            }

            @Override
            public RandomVectorScorerSupplier copy() {
                return this;
            }
        };
        try {
            OnHeapHnswGraph graph = rowOfNode.length == 0 ? null
                    : HnswGraphBuilder.create(supplier, maxConn, beamWidth, seed).build(rowOfNode.length);
            return new HnswIndex(unit, dim, rowOfNode, nodeOfRow, graph, backend);
        } catch (IOException e) {
            throw new UncheckedIOException("building the HNSW graph", e);
        }
    }

    int size() {
        return rowOfNode.length;
    }

    /**
     * The (up to) {@code k} rows most similar to a unit query, best first, searching with a beam of {@code ef}.
     *
     * @param accept which rows may be returned
     * @return the rows, best first, with their cosines
     */
    Hits search(float[] query, int k, int ef, IntPredicate accept) {
        if (graph == null) {
            return new Hits(new int[0], new float[0]);
        }
        RandomVectorScorer scorer = new NodeScorer(n -> backend.dot(query, 0, unit, rowOfNode[n] * dim, dim),
                rowOfNode.length);
        TopKnnCollector collector = new TopKnnCollector(Math.max(k, ef), Integer.MAX_VALUE);
        Bits acceptOrds = new Bits() {
            @Override
            public boolean get(int index) {
                return accept.test(rowOfNode[index]);
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
        TopDocs top = collector.topDocs();
        int n = Math.min(k, top.scoreDocs.length);
        int[] rows = new int[n];
        float[] cos = new float[n];
        for (int i = 0; i < n; i++) {
            ScoreDoc d = top.scoreDocs[i];
            rows[i] = rowOfNode[d.doc];
            cos[i] = 2 * d.score - 1;
        }
        return new Hits(rows, cos);
    }

    /** Whether a row is a node of the graph. */
    boolean contains(int row) {
        return nodeOfRow[row] >= 0;
    }

    /** Search results: matrix rows, best first, and their cosines. */
    record Hits(int[] rows, float[] cosines) {
    }

    /** Scores nodes by {@code (1 + cos) / 2}, Lucene's non-negative form of the dot product of unit vectors. */
    private static final class NodeScorer implements RandomVectorScorer {
        private final java.util.function.IntToDoubleFunction dot;
        private final int maxOrd;

        NodeScorer(java.util.function.IntToDoubleFunction dot, int maxOrd) {
            this.dot = dot;
            this.maxOrd = maxOrd;
        }

        @Override
        public float score(int node) {
            return Math.max(0f, (float) ((1 + dot.applyAsDouble(node)) / 2));
        }

        @Override
        public int maxOrd() {
            return maxOrd;
        }
    }

    /** A read-only view of the graph with its own cursor, so searches can run concurrently. */
    private static final class View extends HnswGraph {
        private final OnHeapHnswGraph graph;
        private int[] nodes = new int[0];
        private int size;
        private int next;

        View(OnHeapHnswGraph graph) {
            this.graph = graph;
        }

        @Override
        public void seek(int level, int target) {
            NeighborArray a = graph.getNeighbors(level, target);
            nodes = a.nodes();
            size = a.size();
            next = 0;
        }

        @Override
        public int nextNeighbor() {
            return next < size ? nodes[next++] : org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
        }

        @Override
        public int size() {
            return graph.size();
        }

        @Override
        public int maxNodeId() {
            return graph.maxNodeId();
        }

        @Override
        public int numLevels() {
            return graph.numLevels();
        }

        @Override
        public int entryNode() {
            return graph.entryNode();
        }

        @Override
        public NodesIterator getNodesOnLevel(int level) {
            return graph.getNodesOnLevel(level);
        }
    }
}
