package dev.braid.plugin.neural;

import dev.braid.api.data.InteractionMatrix;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Each user's positive items (ascending catalog indices), the form the two-tower trainer samples from. Immutable.
 */
final class UserRows {
    final int numItems;
    final int[][] rows;

    UserRows(int numItems, int[][] rows) {
        this.numItems = numItems;
        this.rows = rows;
    }

    static UserRows of(InteractionMatrix m) {
        int[][] rows = new int[m.numUsers()][];
        for (int u = 0; u < rows.length; u++) {
            rows[u] = m.items(u);
        }
        return new UserRows(m.numItems(), rows);
    }

    int numUsers() {
        return rows.length;
    }

    int size() {
        int n = 0;
        for (int[] r : rows) {
            n += r.length;
        }
        return n;
    }

    boolean contains(int user, int item) {
        return Arrays.binarySearch(rows[user], item) >= 0;
    }

    /** How many users have each item. */
    int[] itemDegrees() {
        int[] d = new int[numItems];
        for (int[] r : rows) {
            for (int i : r) {
                d[i]++;
            }
        }
        return d;
    }

    /**
     * Holds out about {@code share} of each user's positives (a user keeps at least one) for validation, drawn
     * with the seed (the same rule as the factorisation bundle's early stopping).
     *
     * @return {@code [train, validation]}
     */
    UserRows[] holdOut(double share, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[][] train = new int[rows.length][];
        int[][] val = new int[rows.length][];
        for (int u = 0; u < rows.length; u++) {
            int[] row = rows[u].clone();
            int n = row.length;
            int held = n < 2 ? 0 : (int) Math.min(n - 1, Math.round(share * n));
            for (int a = 0; a < held; a++) {
                int b = a + rnd.nextInt(n - a);
                int x = row[a];
                row[a] = row[b];
                row[b] = x;
            }
            val[u] = Arrays.copyOfRange(row, 0, held);
            train[u] = Arrays.copyOfRange(row, held, n);
            Arrays.sort(val[u]);
            Arrays.sort(train[u]);
        }
        return new UserRows[] {new UserRows(numItems, train), new UserRows(numItems, val)};
    }
}
