package dev.braid.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.braid.api.compute.ComputeBackend;
import dev.braid.api.compute.ReferenceBackend;
import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ItemMatrixTest {

    @Test
    void blockedTopKEqualsTheOneUserAtATimeTopKAcrossTilesWithTiesAndExclusions() {
        Random rnd = new Random(3);
        int items = 2 * ItemMatrix.TILE + 907; // three tiles, the last one partial
        int dim = 8;
        float[] values = new float[items * dim];
        String[] ids = new String[items];
        for (int i = 0; i < items; i++) {
            ids[i] = "i" + i;
            for (int d = 0; d < dim; d++) {
                values[i * dim + d] = rnd.nextInt(3) - 1; // small integers: exact sums and many ties
            }
        }
        ItemMatrix m = new ItemMatrix(ids, values, dim);
        int users = 37;
        int k = 25;
        float[] queries = new float[users * dim];
        BitSet[] skip = new BitSet[users];
        for (int u = 0; u < users; u++) {
            for (int d = 0; d < dim; d++) {
                queries[u * dim + d] = rnd.nextInt(5) - 2;
            }
            if (u % 3 != 0) { // some users without exclusions (null), the others with a few hundred excluded rows
                skip[u] = new BitSet(items);
                for (int j = 0; j < 300; j++) {
                    skip[u].set(rnd.nextInt(items));
                }
            }
        }
        ComputeBackend backend = new ReferenceBackend();
        ItemMatrix.Scored[][] blocked = m.topK(queries, users, k, skip, backend);
        for (int u = 0; u < users; u++) {
            float[] q = java.util.Arrays.copyOfRange(queries, u * dim, (u + 1) * dim);
            ItemMatrix.Scored[] one = m.topK(q, k, skip[u]);
            assertEquals(java.util.Arrays.asList(one), java.util.Arrays.asList(blocked[u]), "user " + u);
        }
    }
}
