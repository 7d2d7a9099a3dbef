package dev.braid.spark;

import dev.braid.api.compute.ComputeBackend;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The recommend stage's work in one partition: takes the partition's users a block at a time, scores each block
 * against the item matrix with {@link ItemMatrix#topK(float[], int, int, BitSet[], ComputeBackend)}, and yields
 * {@code (user, rank, item, score)} rows lazily, so a partition never holds more than one block of results.
 * Input rows are {@code (user, history items or null[, factors])}.
 */
final class BlockScorer implements Iterator<Row> {
    /** Users per block: a block's scores over one tile of items are BLOCK x TILE floats (4 MiB). */
    static final int BLOCK = 256;

    private final ItemMatrix items;
    private final Iterator<Row> users;
    private final boolean factors;
    private final boolean excludeSeen;
    private final int k;
    private final ComputeBackend backend;
    private final List<Row> pending = new ArrayList<>();
    private int next;

    BlockScorer(ItemMatrix items, Iterator<Row> users, boolean factors, boolean excludeSeen, int k,
                ComputeBackend backend) {
        this.items = items;
        this.users = users;
        this.factors = factors;
        this.excludeSeen = excludeSeen;
        this.k = k;
        this.backend = backend;
    }

    @Override
    public boolean hasNext() {
        while (next == pending.size()) {
            if (!users.hasNext()) {
                return false;
            }
            pending.clear();
            next = 0;
            scoreBlock();
        }
        return true;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return pending.get(next++);
    }

    private void scoreBlock() {
        int dim = items.dim;
        float[] queries = new float[BLOCK * dim];
        BitSet[] skip = new BitSet[BLOCK];
        String[] names = new String[BLOCK];
        int count = 0;
        while (count < BLOCK && users.hasNext()) {
            Row r = users.next();
            BitSet seen = history(r);
            float[] query = factors ? EncodeStage.floats(r, 2) : RecommendStage.profile(items, seen);
            if (query == null) {
                continue; // no factors, or no history with vectors: nothing to recommend from
            }
            System.arraycopy(query, 0, queries, count * dim, dim);
            skip[count] = excludeSeen ? seen : null;
            names[count] = r.getString(0);
            count++;
        }
        if (count == 0) {
            return;
        }
        ItemMatrix.Scored[][] top = items.topK(queries, count, k, skip, backend);
        for (int u = 0; u < count; u++) {
            for (int rank = 0; rank < top[u].length; rank++) {
                pending.add(RowFactory.create(names[u], rank + 1, items.ids[top[u][rank].item()],
                        top[u][rank].score()));
            }
        }
    }

    private BitSet history(Row r) {
        BitSet seen = new BitSet(items.rows());
        if (!r.isNullAt(1)) {
            for (Object it : r.getList(1)) {
                int i = items.indexOf((String) it);
                if (i >= 0) {
                    seen.set(i);
                }
            }
        }
        return seen;
    }
}
