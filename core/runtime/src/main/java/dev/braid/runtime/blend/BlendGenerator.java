package dev.braid.runtime.blend;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.generator.Generator;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hybrid of several generators with fitted weights. Fitting holds out a share of each user's training positives
 * (seeded), fits a fresh instance of every member on the rest, scores the held-out users with each, and chooses
 * the weights on a simplex grid that maximise NDCG (or recall) at k of the combined ranking, the users' remaining
 * training items excluded. Then every member is fitted again, on all the training data, with those weights.
 *
 * <p>Scores are combined after a per-query z-normalisation of each member's scores (over the items it did not
 * filter), so members on different scales (cosines, BPR logits, counts) mix by rank-like evidence rather than by
 * magnitude. An item any member sets to {@link Float#NEGATIVE_INFINITY}, or that arrives so, stays filtered.
 */
public final class BlendGenerator implements Generator {
    private static final Logger LOG = LoggerFactory.getLogger(BlendGenerator.class);

    private final BlendFit fit;
    private final List<String> names;
    private final List<Supplier<Generator>> members;
    private volatile List<Generator> fitted;
    private volatile double[] weights;
    private volatile double validationMetric = Double.NaN;

    /**
     * @param fit     how to fit the weights
     * @param names   the members' names, for logs and explanations
     * @param members one factory per member, each giving a fresh, unfitted instance (called twice per fit)
     */
    public BlendGenerator(BlendFit fit, List<String> names, List<Supplier<Generator>> members) {
        if (members.size() < 2 || names.size() != members.size()) {
            throw new IllegalArgumentException("blend: needs at least two members with a name each");
        }
        this.fit = fit;
        this.names = List.copyOf(names);
        this.members = List.copyOf(members);
    }

    @Override
    public void fit(TrainingData data, ProgressListener progress) {
        InteractionMatrix all = data.interactions();
        int n = data.catalog().size();
        SplittableRandom random = new SplittableRandom(data.seed() ^ 0x424C454E44L);
        List<Interaction> kept = new ArrayList<>();
        List<String> userOrder = new ArrayList<>();
        int[][] held = new int[all.numUsers()][];
        for (int u = 0; u < all.numUsers(); u++) {
            userOrder.add(all.userId(u));
            int d = all.degree(u);
            int h = d < 2 ? 0 : (int) Math.min(d - 1, Math.round(fit.validationFraction() * d));
            int[] order = new int[d];
            for (int j = 0; j < d; j++) {
                order[j] = j;
            }
            for (int a = 0; a < h; a++) {
                int b = a + random.nextInt(d - a);
                int x = order[a];
                order[a] = order[b];
                order[b] = x;
            }
            held[u] = new int[h];
            for (int a = 0; a < d; a++) {
                int j = order[a];
                if (a < h) {
                    held[u][a] = all.item(u, j);
                } else {
                    kept.add(new Interaction(all.userId(u), data.catalog().item(all.item(u, j)).id(),
                            all.value(u, j), all.timestamp(u, j)));
                }
            }
            Arrays.sort(held[u]);
        }
        InteractionMatrix train = InteractionMatrix.of(data.catalog(), userOrder, kept);
        int[] users = validationUsers(held, random);
        double[] w;
        if (users.length == 0) {
            w = new double[members.size()];
            Arrays.fill(w, 1.0 / members.size());
            LOG.warn("blend: no user has enough positives to hold some out; equal weights");
        } else {
            float[][][] z = new float[members.size()][][];
            TrainingData part = new TrainingData(data.catalog(), data.features(), train, data.seed());
            for (int m = 0; m < members.size(); m++) {
                try (Generator g = members.get(m).get()) {
                    g.fit(part, progress);
                    z[m] = new float[users.length][];
                    for (int k = 0; k < users.length; k++) {
                        float[] s = new float[n];
                        g.score(Query.forUser(all.userId(users[k])), s);
                        zNormalise(s);
                        z[m][k] = s;
                    }
                }
            }
            w = search(z, users, train, held, n, progress);
        }
        List<Generator> done = new ArrayList<>();
        try {
            for (Supplier<Generator> s : members) {
                Generator g = s.get();
                done.add(g);
                g.fit(data, progress);
            }
        } catch (RuntimeException e) {
            done.forEach(Generator::close);
            throw e;
        }
        List<Generator> previous = fitted;
        weights = w;
        fitted = List.copyOf(done);
        if (previous != null) {
            previous.forEach(Generator::close);
        }
        StringBuilder sb = new StringBuilder();
        for (int m = 0; m < w.length; m++) {
            sb.append(m == 0 ? "" : ", ").append(names.get(m)).append(' ')
                    .append(String.format(Locale.ROOT, "%.2f", w[m]));
        }
        LOG.info("blend: weights {} (validation {}@{} {} over {} users)", sb, fit.metric(), fit.k(),
                String.format(Locale.ROOT, "%.4f", validationMetric), users.length);
    }

    private int[] validationUsers(int[][] held, SplittableRandom random) {
        int[] users = java.util.stream.IntStream.range(0, held.length).filter(u -> held[u].length > 0).toArray();
        if (users.length <= fit.maxUsers()) {
            return users;
        }
        for (int a = 0; a < fit.maxUsers(); a++) {
            int b = a + random.nextInt(users.length - a);
            int x = users[a];
            users[a] = users[b];
            users[b] = x;
        }
        int[] chosen = Arrays.copyOf(users, fit.maxUsers());
        Arrays.sort(chosen);
        return chosen;
    }

    /** The grid point of the simplex with the best validation metric (the first one on ties). */
    private double[] search(float[][][] z, int[] users, InteractionMatrix train, int[][] held, int n,
                            ProgressListener progress) {
        int units = fit.units();
        List<int[]> grid = new ArrayList<>();
        compositions(new int[z.length], 0, units, grid);
        if (grid.size() > 20_000) {
            throw new IllegalArgumentException("blend: " + grid.size() + " weight combinations for " + z.length
                    + " members at step " + fit.step() + "; use a larger fit.step");
        }
        double best = Double.NEGATIVE_INFINITY;
        double[] bestW = null;
        float[] s = new float[n];
        int[] top = new int[fit.k()];
        progress.start("blend: weight search", grid.size());
        try {
            for (int[] point : grid) {
                double sum = 0;
                for (int k = 0; k < users.length; k++) {
                    int u = users[k];
                    Arrays.fill(s, 0f);
                    for (int m = 0; m < z.length; m++) {
                        if (point[m] == 0) {
                            continue;
                        }
                        float wm = (float) point[m] / units;
                        float[] zm = z[m][k];
                        for (int i = 0; i < n; i++) {
                            s[i] += wm * zm[i];
                        }
                    }
                    for (int j = 0; j < train.degree(u); j++) {
                        s[train.item(u, j)] = Float.NEGATIVE_INFINITY;
                    }
                    sum += metric(s, held[u], top);
                }
                double value = sum / users.length;
                if (value > best) {
                    best = value;
                    bestW = new double[z.length];
                    for (int m = 0; m < z.length; m++) {
                        bestW[m] = (double) point[m] / units;
                    }
                }
                progress.advance(1);
            }
        } finally {
            progress.finish();
        }
        validationMetric = best;
        return bestW;
    }

    /** Every way to split {@code left} units over the remaining slots, in lexicographic order. */
    private static void compositions(int[] point, int slot, int left, List<int[]> out) {
        if (slot == point.length - 1) {
            point[slot] = left;
            out.add(point.clone());
            return;
        }
        for (int v = left; v >= 0; v--) {
            point[slot] = v;
            compositions(point, slot + 1, left - v, out);
        }
    }

    private double metric(float[] s, int[] relevant, int[] top) {
        int got = topK(s, top);
        double hit = 0;
        double ideal = 0;
        for (int r = 0; r < got; r++) {
            if (Arrays.binarySearch(relevant, top[r]) >= 0) {
                hit += fit.metric().equals("ndcg") ? 1 / log2(r + 2) : 1;
            }
        }
        if (fit.metric().equals("recall")) {
            return hit / Math.min(relevant.length, top.length);
        }
        for (int r = 0; r < Math.min(relevant.length, top.length); r++) {
            ideal += 1 / log2(r + 2);
        }
        return hit / ideal;
    }

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }

    /** The indices of the largest finite scores, best first (lower index on ties); returns how many. */
    private static int topK(float[] s, int[] top) {
        int k = top.length;
        int size = 0;
        for (int i = 0; i < s.length; i++) {
            float v = s[i];
            if (v == Float.NEGATIVE_INFINITY || Float.isNaN(v)) {
                continue;
            }
            if (size == k && v <= s[top[size - 1]]) {
                continue;
            }
            int p = size < k ? size++ : size - 1;
            while (p > 0 && s[top[p - 1]] < v) {
                top[p] = top[p - 1];
                p--;
            }
            top[p] = i;
        }
        return size;
    }

    /** Scales the finite entries to mean 0 and standard deviation 1 (all 0 when they are constant). */
    static void zNormalise(float[] s) {
        double sum = 0;
        double sq = 0;
        int c = 0;
        for (float v : s) {
            if (Float.isFinite(v)) {
                sum += v;
                sq += (double) v * v;
                c++;
            }
        }
        if (c == 0) {
            return;
        }
        double mean = sum / c;
        double var = sq / c - mean * mean;
        double inv = var > 1e-12 ? 1 / Math.sqrt(var) : 0;
        for (int i = 0; i < s.length; i++) {
            if (Float.isFinite(s[i])) {
                s[i] = (float) ((s[i] - mean) * inv);
            } else if (Float.isNaN(s[i])) {
                s[i] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    @Override
    public void score(Query query, float[] scores) {
        List<Generator> gs = fitted;
        double[] w = weights;
        if (gs == null) {
            throw new IllegalStateException("blend generator is used before fit()");
        }
        float[] sum = new float[scores.length];
        float[] own = new float[scores.length];
        for (int m = 0; m < gs.size(); m++) {
            System.arraycopy(scores, 0, own, 0, scores.length);
            gs.get(m).score(query, own);
            zNormalise(own);
            for (int i = 0; i < scores.length; i++) {
                sum[i] = own[i] == Float.NEGATIVE_INFINITY ? Float.NEGATIVE_INFINITY : sum[i] + (float) w[m] * own[i];
            }
        }
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] != Float.NEGATIVE_INFINITY) {
                scores[i] = sum[i];
            }
        }
    }

    @Override
    public List<String> explain(Query query, int item) {
        List<Generator> gs = fitted;
        double[] w = weights;
        if (gs == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int m = 0; m < gs.size(); m++) {
            String prefix = String.format(Locale.ROOT, "blend %.2f x %s", w[m], names.get(m));
            List<String> inner = gs.get(m).explain(query, item);
            out.add(inner.isEmpty() ? prefix : prefix + " (" + String.join("; ", inner) + ")");
        }
        return out;
    }

    /** Each member explains the whole batch at once (its scores once per query, not once per item). */
    @Override
    public List<List<String>> explain(Query query, int[] items) {
        List<Generator> gs = fitted;
        double[] w = weights;
        List<List<String>> out = new ArrayList<>(items.length);
        for (int t = 0; t < items.length; t++) {
            out.add(new ArrayList<>());
        }
        for (int m = 0; gs != null && m < gs.size(); m++) {
            String prefix = String.format(Locale.ROOT, "blend %.2f x %s", w[m], names.get(m));
            List<List<String>> inner = gs.get(m).explain(query, items);
            for (int t = 0; t < items.length; t++) {
                List<String> r = inner.get(t);
                out.get(t).add(r.isEmpty() ? prefix : prefix + " (" + String.join("; ", r) + ")");
            }
        }
        return out;
    }

    /** The fitted weights, in member order (null before fit). */
    public double[] weights() {
        double[] w = weights;
        return w == null ? null : w.clone();
    }

    /** The validation metric of the chosen weights (NaN before fit or without validation users). */
    public double validationMetric() {
        return validationMetric;
    }

    @Override
    public void close() {
        List<Generator> gs = fitted;
        fitted = null;
        if (gs != null) {
            gs.forEach(Generator::close);
        }
    }
}
