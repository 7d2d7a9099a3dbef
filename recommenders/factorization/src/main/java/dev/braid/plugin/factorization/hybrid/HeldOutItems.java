package dev.braid.plugin.factorization.hybrid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A validation split that imitates item cold start: a seeded share of the warm items is held out with all of its
 * interactions, the model learns from the rest, and the held-out items are ranked for the users who interacted
 * with them (NDCG@10 among the held-out items, averaged over those users).
 */
final class HeldOutItems {
    static final int CUTOFF = 10;

    final boolean[] fitItems;
    final int[] items;
    /** Each user's training rows without the held-out items. */
    final int[][] fitRows;
    private final int[] users;
    private final int[][] relevant; // per validation user: positions in items

    private HeldOutItems(boolean[] fitItems, int[] items, int[][] fitRows, int[] users, int[][] relevant) {
        this.fitItems = fitItems;
        this.items = items;
        this.fitRows = fitRows;
        this.users = users;
        this.relevant = relevant;
    }

    static HeldOutItems of(int[][] rows, boolean[] warm, double share, long seed) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < warm.length; i++) {
            if (warm[i]) {
                candidates.add(i);
            }
        }
        Collections.shuffle(candidates, new Random(seed ^ 0x5DEECE66DL));
        int count = (int) Math.round(share * candidates.size());
        if (count < 2 || candidates.size() - count < 2) {
            throw new IllegalArgumentException("hybrid-map: " + candidates.size() + " warm items are too few to hold "
                    + "out a validation share of " + share + "; at least 2 on each side are needed");
        }
        int[] held = candidates.subList(0, count).stream().mapToInt(Integer::intValue).sorted().toArray();
        boolean[] fit = warm.clone();
        int[] position = new int[warm.length];
        Arrays.fill(position, -1);
        for (int p = 0; p < held.length; p++) {
            fit[held[p]] = false;
            position[held[p]] = p;
        }
        int[][] fitRows = new int[rows.length][];
        List<Integer> users = new ArrayList<>();
        List<int[]> relevant = new ArrayList<>();
        for (int u = 0; u < rows.length; u++) {
            int[] r = rows[u];
            fitRows[u] = Arrays.stream(r).filter(i -> position[i] < 0).toArray();
            int[] rel = Arrays.stream(r).filter(i -> position[i] >= 0).map(i -> position[i]).toArray();
            if (rel.length > 0 && fitRows[u].length > 0) {
                users.add(u);
                relevant.add(rel);
            }
        }
        return new HeldOutItems(fit, held, fitRows, users.stream().mapToInt(Integer::intValue).toArray(),
                relevant.toArray(int[][]::new));
    }

    int users() {
        return users.length;
    }

    /**
     * Mean NDCG@10 of ranking the held-out items by {@code userVectors[u] . predicted[item]} (ties to the lower
     * position; scores are continuous).
     */
    double ndcg(double[][] userVectors, double[][] predicted) {
        double sum = 0;
        double[] scores = new double[items.length];
        Integer[] order = new Integer[items.length];
        boolean[] hit = new boolean[items.length];
        for (int v = 0; v < users.length; v++) {
            double[] u = userVectors[users[v]];
            for (int p = 0; p < items.length; p++) {
                double s = 0;
                double[] x = predicted[p];
                for (int c = 0; c < u.length; c++) {
                    s += u[c] * x[c];
                }
                scores[p] = s;
                order[p] = p;
            }
            Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
            for (int p : relevant[v]) {
                hit[p] = true;
            }
            double dcg = 0;
            for (int r = 0; r < Math.min(CUTOFF, items.length); r++) {
                if (hit[order[r]]) {
                    dcg += discount(r);
                }
            }
            for (int p : relevant[v]) {
                hit[p] = false;
            }
            sum += dcg / idealDcg(relevant[v].length);
        }
        return users.length == 0 ? 0 : sum / users.length;
    }

    /** The DCG weight of a hit at 0-based rank {@code r}: {@code 1 / log2(r + 2)}. */
    static double discount(int r) {
        return Math.log(2) / Math.log(r + 2);
    }

    /** The best DCG@10 a user with this many relevant items can reach. */
    static double idealDcg(int relevant) {
        double ideal = 0;
        for (int r = 0; r < Math.min(CUTOFF, relevant); r++) {
            ideal += discount(r);
        }
        return ideal;
    }
}
