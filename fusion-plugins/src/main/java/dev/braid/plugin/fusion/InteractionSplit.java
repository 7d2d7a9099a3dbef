package dev.braid.plugin.fusion;

import dev.braid.api.data.InteractionMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The training interactions of a learned fusion, split for early stopping, and the validation objective that
 * matches how the content-profile generator scores: item vectors are L2-normalised, a user's profile is the sum of
 * the unit vectors of their (fit) history, and an item scores {@code cos(profile, item)}. A seeded share of each
 * user's interactions (or of the items, {@link Holdout}) is held out; validation AUC ranks each held-out item
 * against sampled negatives (items with a vector outside the user's whole history). Single-threaded; all randomness
 * comes from the given generator.
 */
final class InteractionSplit {
    private final SplittableRandom rnd;
    /** The items training may sample as negatives. */
    private final int[] usableItems;
    /** The items validation samples its negatives from. */
    private final int[] validationPool;
    /** Per user: the sorted items used to fit (profiles and BPR triples). */
    final int[][] fitHistory;
    /** Per user: every training item with a vector, sorted (negatives avoid these). */
    final int[][] allHistory;
    /** Validation rows: user, held-out item, then the negatives. */
    final List<int[]> validation = new ArrayList<>();

    /** Holds out a share of each user's interactions ({@link Holdout#INTERACTIONS}). */
    InteractionSplit(InteractionMatrix interactions, boolean[] usable, double validationFraction, int negatives,
                     SplittableRandom rnd) {
        this(interactions, usable, Holdout.INTERACTIONS, validationFraction, negatives, rnd);
    }

    /**
     * @param usable             which catalog items have at least one modality (the others are ignored)
     * @param holdout            {@link Holdout#INTERACTIONS}: a share of each user's items is held out (users with
     *                           fewer than 4 keep all), negatives are any usable items outside the user's history;
     *                           {@link Holdout#ITEMS}: a share of the items is held out with all their interactions,
     *                           training never sees them (not even as negatives), and validation negatives are other
     *                           held-out items, as the candidates of a cold-start evaluation are
     * @param validationFraction share of each user's items, or of the items, held out
     * @param negatives          sampled negatives per held-out item
     */
    InteractionSplit(InteractionMatrix interactions, boolean[] usable, Holdout holdout, double validationFraction,
                     int negatives, SplittableRandom rnd) {
        this.rnd = rnd;
        int count = 0;
        for (boolean u : usable) {
            count += u ? 1 : 0;
        }
        if (count == 0) {
            throw new IllegalArgumentException("no catalog item has a vector in the fused modalities");
        }
        int users = interactions.numUsers();
        this.fitHistory = new int[users][];
        this.allHistory = new int[users][];
        List<int[]> heldOut = new ArrayList<>();
        if (holdout == Holdout.ITEMS) {
            boolean[] held = heldItems(interactions, usable, validationFraction);
            this.usableItems = items(usable, held, false);
            this.validationPool = items(usable, held, true);
            for (int u = 0; u < users; u++) {
                int[] items = Arrays.stream(interactions.items(u)).filter(i -> usable[i]).distinct().sorted()
                        .toArray();
                allHistory[u] = items;
                fitHistory[u] = Arrays.stream(items).filter(i -> !held[i]).toArray();
                if (fitHistory[u].length == 0) {
                    continue; // no profile to rank with
                }
                for (int i : items) {
                    if (held[i]) {
                        heldOut.add(new int[] {u, i});
                    }
                }
            }
        } else {
            this.usableItems = items(usable, new boolean[usable.length], false);
            this.validationPool = usableItems;
            for (int u = 0; u < users; u++) {
                int[] items = Arrays.stream(interactions.items(u)).filter(i -> usable[i]).distinct().sorted()
                        .toArray();
                allHistory[u] = items;
                List<Integer> fit = new ArrayList<>();
                List<Integer> val = new ArrayList<>();
                for (int i : items) {
                    // keep at least two fit items so every user has a leave-one-out profile
                    if (items.length >= 4 && rnd.nextDouble() < validationFraction) {
                        val.add(i);
                    } else {
                        fit.add(i);
                    }
                }
                while (fit.size() < 2 && !val.isEmpty()) {
                    fit.add(val.remove(val.size() - 1));
                }
                fitHistory[u] = fit.stream().mapToInt(Integer::intValue).sorted().toArray();
                for (int v : val) {
                    heldOut.add(new int[] {u, v});
                }
            }
        }
        if (usableItems.length == 0) {
            throw new IllegalArgumentException("every item with a vector is held out for validation; lower "
                    + "validationFraction");
        }
        for (int[] pair : heldOut) {
            int[] row = new int[2 + negatives];
            row[0] = pair[0];
            row[1] = pair[1];
            for (int k = 0; k < negatives; k++) {
                row[2 + k] = negative(pair[0], validationPool);
            }
            validation.add(row);
        }
    }

    /** A seeded share of the usable items that someone interacted with. */
    private boolean[] heldItems(InteractionMatrix interactions, boolean[] usable, double fraction) {
        boolean[] seen = new boolean[usable.length];
        for (int u = 0; u < interactions.numUsers(); u++) {
            for (int i : interactions.items(u)) {
                seen[i] = usable[i];
            }
        }
        boolean[] held = new boolean[usable.length];
        for (int i = 0; i < usable.length; i++) {
            held[i] = seen[i] && rnd.nextDouble() < fraction;
        }
        return held;
    }

    private static int[] items(boolean[] usable, boolean[] held, boolean wantHeld) {
        return java.util.stream.IntStream.range(0, usable.length).filter(i -> usable[i] && held[i] == wantHeld)
                .toArray();
    }

    int users() {
        return fitHistory.length;
    }

    /**
     * A uniformly sampled training negative: an item with a vector outside the user's training history (and, with
     * {@link Holdout#ITEMS}, not held out).
     */
    int negative(int user) {
        return negative(user, usableItems);
    }

    private int negative(int user, int[] pool) {
        int[] history = allHistory[user];
        for (int attempt = 0; attempt < 100; attempt++) {
            int j = pool[rnd.nextInt(pool.length)];
            if (Arrays.binarySearch(history, j) < 0) {
                return j;
            }
        }
        return pool[rnd.nextInt(pool.length)];
    }

    /** A seeded permutation of the users. */
    int[] shuffledUsers() {
        int[] a = new int[fitHistory.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /**
     * Validation AUC under cosine scoring.
     *
     * @param unit row-major {@code items x dim} L2-normalised fused vectors (rows of unusable items ignored)
     * @return the mean AUC over held-out items, NaN when nothing is held out
     */
    double auc(float[] unit, int dim) {
        if (validation.isEmpty()) {
            return Double.NaN;
        }
        double total = 0;
        double[] p = new double[dim];
        for (int[] row : validation) {
            Arrays.fill(p, 0);
            for (int i : fitHistory[row[0]]) {
                for (int c = 0; c < dim; c++) {
                    p[c] += unit[i * dim + c];
                }
            }
            // the profile's norm does not change the ranking, so the cosine needs only the unit item vectors
            double pos = dot(p, unit, row[1], dim);
            double wins = 0;
            for (int k = 2; k < row.length; k++) {
                double neg = dot(p, unit, row[k], dim);
                wins += pos > neg ? 1 : pos == neg ? 0.5 : 0;
            }
            total += wins / (row.length - 2);
        }
        return total / validation.size();
    }

    private static double dot(double[] p, float[] v, int item, int dim) {
        double s = 0;
        for (int c = 0; c < dim; c++) {
            s += p[c] * v[item * dim + c];
        }
        return s;
    }

    /** Normalises each row of {@code v} in place to unit length; returns the norms (0 rows stay 0). */
    static double[] normaliseRows(float[] v, int rows, int dim) {
        double[] norms = new double[rows];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int c = 0; c < dim; c++) {
                s += (double) v[i * dim + c] * v[i * dim + c];
            }
            double n = Math.sqrt(s);
            norms[i] = n;
            if (n > 0) {
                for (int c = 0; c < dim; c++) {
                    v[i * dim + c] = (float) (v[i * dim + c] / n);
                }
            }
        }
        return norms;
    }
}
