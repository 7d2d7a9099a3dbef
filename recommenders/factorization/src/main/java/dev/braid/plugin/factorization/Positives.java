package dev.braid.plugin.factorization;

import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.io.Fingerprint;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The positive (user, item) pairs a factorisation model trains on, in flat arrays: a compressed sparse row per user
 * (items ascending) plus, for each pair, its user, so that SGD can draw a pair uniformly with one random index.
 * Immutable after construction.
 */
final class Positives {
    final int numUsers;
    final int numItems;
    /** Row starts, {@code numUsers + 1} entries. */
    final int[] rowStart;
    /** Item of each pair, ascending within a user's row. */
    final int[] items;
    /** User of each pair. */
    final int[] users;
    /** The users with at least one positive, ascending. */
    final int[] activeUsers;
    /** The items with at least one positive, ascending: negatives are drawn from these (as in Cornac). */
    final int[] knownItems;

    Positives(int numUsers, int numItems, int[] rowStart, int[] items) {
        this.numUsers = numUsers;
        this.numItems = numItems;
        this.rowStart = rowStart;
        this.items = items;
        this.users = new int[items.length];
        for (int u = 0; u < numUsers; u++) {
            Arrays.fill(users, rowStart[u], rowStart[u + 1], u);
        }
        this.activeUsers = java.util.stream.IntStream.range(0, numUsers)
                .filter(u -> rowStart[u + 1] > rowStart[u]).toArray();
        boolean[] seen = new boolean[numItems];
        int known = 0;
        for (int i : items) {
            if (!seen[i]) {
                seen[i] = true;
                known++;
            }
        }
        this.knownItems = new int[known];
        for (int i = 0, p = 0; i < numItems; i++) {
            if (seen[i]) {
                knownItems[p++] = i;
            }
        }
    }

    /**
     * Draws a positive pair and returns its index: uniformly over all pairs ({@code byUser} false, as Cornac), or
     * a uniform user with positives, then one of their positives ({@code byUser} true, Rendle's bootstrap sampling
     * as in LibRec), which weighs light users as much as heavy ones.
     */
    int drawPair(SplittableRandom random, boolean byUser) {
        if (!byUser) {
            return random.nextInt(items.length);
        }
        int u = activeUsers[random.nextInt(activeUsers.length)];
        return rowStart[u] + random.nextInt(rowStart[u + 1] - rowStart[u]);
    }

    /**
     * Draws one BPR training triple into {@code uij}: the user and positive item of a pair drawn as {@link #drawPair}
     * does, then a negative candidate ({@link #drawItem}). Returns false when the candidate is one of the user's
     * positives: BPR skips that draw.
     */
    boolean drawTriple(SplittableRandom random, boolean byUser, int[] uij) {
        int idx = drawPair(random, byUser);
        int u = users[idx];
        int j = drawItem(random);
        if (contains(u, j)) {
            return false;
        }
        uij[0] = u;
        uij[1] = items[idx];
        uij[2] = j;
        return true;
    }

    /** Draws a negative candidate: a uniformly chosen item that has positives (the caller skips the user's own). */
    int drawItem(SplittableRandom random) {
        return knownItems[random.nextInt(knownItems.length)];
    }

    /** Every interaction of the matrix is a positive. */
    static Positives of(InteractionMatrix m) {
        int[] start = new int[m.numUsers() + 1];
        int[] items = new int[m.numInteractions()];
        int p = 0;
        for (int u = 0; u < m.numUsers(); u++) {
            start[u] = p;
            for (int j = 0; j < m.degree(u); j++) {
                items[p++] = m.item(u, j);
            }
        }
        start[m.numUsers()] = p;
        return new Positives(m.numUsers(), m.numItems(), start, items);
    }

    int size() {
        return items.length;
    }

    int degree(int user) {
        return rowStart[user + 1] - rowStart[user];
    }

    /** Whether the user has this item among their positives (binary search in the row). */
    boolean contains(int user, int item) {
        return Arrays.binarySearch(items, rowStart[user], rowStart[user + 1], item) >= 0;
    }

    /** How many users have each item. */
    int[] itemDegrees() {
        int[] d = new int[numItems];
        for (int i : items) {
            d[i]++;
        }
        return d;
    }

    /**
     * Holds out about {@code share} of each user's positives (never all of them: a user keeps at least one) for
     * validation, drawn with the seed.
     *
     * @return {@code [train, validation]} over the same users and items
     */
    Positives[] holdOut(double share, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] trainStart = new int[numUsers + 1];
        int[] valStart = new int[numUsers + 1];
        int[] trainItems = new int[items.length];
        int[] valItems = new int[items.length];
        int t = 0;
        int v = 0;
        for (int u = 0; u < numUsers; u++) {
            trainStart[u] = t;
            valStart[u] = v;
            int n = degree(u);
            int held = n < 2 ? 0 : (int) Math.min(n - 1, Math.round(share * n));
            int[] row = Arrays.copyOfRange(items, rowStart[u], rowStart[u + 1]);
            // Partial Fisher-Yates: the first `held` entries become validation.
            for (int a = 0; a < held; a++) {
                int b = a + rnd.nextInt(n - a);
                int x = row[a];
                row[a] = row[b];
                row[b] = x;
            }
            Arrays.sort(row, 0, held);
            Arrays.sort(row, held, n);
            System.arraycopy(row, 0, valItems, v, held);
            System.arraycopy(row, held, trainItems, t, n - held);
            v += held;
            t += n - held;
        }
        trainStart[numUsers] = t;
        valStart[numUsers] = v;
        return new Positives[] {
            new Positives(numUsers, numItems, trainStart, Arrays.copyOf(trainItems, t)),
            new Positives(numUsers, numItems, valStart, Arrays.copyOf(valItems, v))
        };
    }

    /** A 64-bit fingerprint of the pairs (with the sizes), for model files. */
    long fingerprint() {
        long h = Fingerprint.start();
        h = Fingerprint.mix(h, numUsers);
        h = Fingerprint.mix(h, numItems);
        for (int s : rowStart) {
            h = Fingerprint.mix(h, s);
        }
        for (int i : items) {
            h = Fingerprint.mix(h, i);
        }
        return h;
    }
}
