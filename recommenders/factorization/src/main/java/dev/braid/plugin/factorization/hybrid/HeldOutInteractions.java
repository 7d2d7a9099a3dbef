package dev.braid.plugin.factorization.hybrid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A validation split for warm items: a seeded share of each user's training interactions is held out (users with
 * fewer than 3 keep all of theirs), the model learns from the rest, and each validation user's held-out items are
 * ranked among every item they did not train on (NDCG@10).
 */
final class HeldOutInteractions {
    private static final int CUTOFF = HeldOutItems.CUTOFF;

    final int[][] fitRows;
    private final int[] users;
    private final int[][] relevant;

    private HeldOutInteractions(int[][] fitRows, int[] users, int[][] relevant) {
        this.fitRows = fitRows;
        this.users = users;
        this.relevant = relevant;
    }

    static HeldOutInteractions of(int[][] rows, double share, int maxUsers, long seed) {
        Random random = new Random(seed ^ 0x2545F4914F6CDD1DL);
        int[][] fit = new int[rows.length][];
        List<Integer> users = new ArrayList<>();
        List<int[]> relevant = new ArrayList<>();
        for (int u = 0; u < rows.length; u++) {
            int[] r = rows[u].clone();
            if (r.length < 3) {
                fit[u] = r;
                continue;
            }
            for (int j = r.length - 1; j > 0; j--) {
                int s = random.nextInt(j + 1);
                int t = r[j];
                r[j] = r[s];
                r[s] = t;
            }
            int held = Math.max(1, (int) Math.round(share * r.length));
            fit[u] = Arrays.copyOfRange(r, held, r.length);
            if (users.size() < maxUsers) {
                users.add(u);
                relevant.add(Arrays.copyOfRange(r, 0, held));
            }
        }
        return new HeldOutInteractions(fit, users.stream().mapToInt(Integer::intValue).toArray(),
                relevant.toArray(int[][]::new));
    }

    int users() {
        return users.length;
    }

    /** Mean NDCG@10 of ranking every item the user did not train on by {@code user . item}. */
    double ndcg(double[][] userVectors, double[][] items) {
        int n = items.length;
        boolean[] excluded = new boolean[n];
        boolean[] hit = new boolean[n];
        double[] scores = new double[n];
        int[] top = new int[CUTOFF];
        double sum = 0;
        for (int v = 0; v < users.length; v++) {
            int u = users[v];
            double[] uv = userVectors[u];
            for (int i : fitRows[u]) {
                excluded[i] = true;
            }
            for (int i : relevant[v]) {
                hit[i] = true;
            }
            for (int i = 0; i < n; i++) {
                double s = 0;
                double[] x = items[i];
                for (int c = 0; c < uv.length; c++) {
                    s += uv[c] * x[c];
                }
                scores[i] = s;
            }
            // top-10 by selection: ties to the lower index
            int found = 0;
            for (int i = 0; i < n; i++) {
                if (excluded[i]) {
                    continue;
                }
                int pos = found < CUTOFF ? found++ : CUTOFF;
                if (pos == CUTOFF && scores[i] <= scores[top[CUTOFF - 1]]) {
                    continue;
                }
                if (pos == CUTOFF) {
                    pos = CUTOFF - 1;
                }
                while (pos > 0 && scores[top[pos - 1]] < scores[i]) {
                    top[pos] = top[pos - 1];
                    pos--;
                }
                top[pos] = i;
            }
            double dcg = 0;
            for (int r = 0; r < found; r++) {
                if (hit[top[r]]) {
                    dcg += HeldOutItems.discount(r);
                }
            }
            sum += dcg / HeldOutItems.idealDcg(relevant[v].length);
            for (int i : fitRows[u]) {
                excluded[i] = false;
            }
            for (int i : relevant[v]) {
                hit[i] = false;
            }
        }
        return users.length == 0 ? 0 : sum / users.length;
    }
}
