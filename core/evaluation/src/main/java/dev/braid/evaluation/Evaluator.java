package dev.braid.evaluation;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.Interaction;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.evaluation.metrics.Metric;
import dev.braid.evaluation.metrics.RankingMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Full-ranking evaluation. For each test user the candidates are the catalog items (or the given restriction, such
 * as the cold items) minus the user's training items; the relevant items are the user's test positives among those
 * candidates. Every user with at least one relevant item is scored by the {@link Scorer}, its top-K list is taken
 * with a bounded heap (items scored negative infinity or NaN are never recommended), and the per-user metrics of {@link RankingMetrics} are averaged over users. AUC is averaged over the
 * users that have both relevant and non-relevant candidates. Coverage@K is the number of distinct items in any
 * user's top K divided by the number of candidate items.
 *
 * <p>Ties in score are broken at random, seeded: equal scores are ordered by a hash of (seed, user, item)
 * ({@link TieBreak}), never by catalog position, so a scorer that gives every candidate the same score measures like
 * a random ranking. The per-user values are kept ({@link EvaluationResult#perUser()}) for paired tests, beside the
 * expected values of a random ranking of the same candidates ({@link EvaluationResult#randomExpected()}).
 *
 * <p>Users are scored in parallel on a fixed pool of threads, each with its own score buffer. Per-user values are
 * summed in user order, so results do not depend on the scheduling.
 */
public final class Evaluator {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

    private final int threads;
    private final long seed;

    /** An evaluator with one thread per available processor, breaking ties with this seed. */
    public Evaluator(long seed) {
        this(Runtime.getRuntime().availableProcessors(), seed);
    }

    /** An evaluator with this many threads, breaking ties with this seed. */
    public Evaluator(int threads, long seed) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.seed = seed;
    }

    /** The tie-breaking policy, as reports state it, e.g. {@code "random (seed 42)"}. */
    public String tiePolicy() {
        return TieBreak.describe(seed);
    }

    /**
     * Evaluates a scorer.
     *
     * @param catalog        the items, in the order of the score arrays
     * @param train          the training interactions over this catalog; a user's training items are never
     *                       candidates for that user
     * @param testPositives  held-out positive interactions; items outside the catalog are skipped
     * @param candidateItems item ids that may be recommended, or null for the whole catalog
     * @param ks             cut-offs, each at least 1
     * @param scorer         fills the scores of all catalog items for a user; must be thread-safe
     * @param progress       told about each evaluated user
     */
    public EvaluationResult evaluate(Catalog catalog, InteractionMatrix train, List<Interaction> testPositives,
                                     Collection<String> candidateItems, List<Integer> ks, Scorer scorer,
                                     ProgressListener progress) {
        Objects.requireNonNull(scorer, "scorer");
        Objects.requireNonNull(progress, "progress");
        int n = catalog.size();
        if (train.numItems() != n) {
            throw new IllegalArgumentException("the train matrix has " + train.numItems()
                    + " item columns but the catalog has " + n + " items: build it over the same catalog");
        }
        int[] cutoffs = cutoffs(ks);
        boolean[] candidate = candidates(catalog, candidateItems);
        int numCandidates = 0;
        for (boolean c : candidate) {
            numCandidates += c ? 1 : 0;
        }
        Tasks tasks = tasks(catalog, train, testPositives, candidate);
        int users = tasks.userIds.size();
        long started = System.nanoTime();
        boolean[] warmItem = warmItems(train, tasks);
        EvaluationRun run = new EvaluationRun(train, tasks, candidate, cutoffs, scorer, new TieBreak(seed, catalog),
                warmItem, progress);
        progress.start("evaluate", users);
        try {
            run.execute(Math.min(threads, users));
        } finally {
            progress.finish();
        }
        Map<String, Double> metrics = average(run.perUser, cutoffs, run.recommended, numCandidates, users);
        LOG.info("evaluated {} users ({} test users without a positive among their candidates skipped) over {} "
                        + "candidate items in {} ms", users, tasks.skippedUsers, numCandidates,
                (System.nanoTime() - started) / 1_000_000);
        return new EvaluationResult(metrics, users, perUser(tasks.userIds, run.perUser, cutoffs),
                randomExpected(run.randomPerUser, cutoffs), segments(train, tasks, run, cutoffs));
    }

    /** Items with a training interaction, when the relevant items hold both such and others; else null. */
    private static boolean[] warmItems(InteractionMatrix train, Tasks tasks) {
        int[] degree = train.itemDegrees();
        boolean warm = false;
        boolean cold = false;
        for (int[] rel : tasks.relevant) {
            for (int i : rel) {
                warm |= degree[i] > 0;
                cold |= degree[i] == 0;
            }
        }
        if (!warm || !cold) {
            return null;
        }
        boolean[] out = new boolean[degree.length];
        for (int i = 0; i < degree.length; i++) {
            out[i] = degree[i] > 0;
        }
        return out;
    }

    /**
     * Averages over groups of users, where both groups of a pair exist: warm users (with training interactions)
     * and cold users (without); warm items and cold items (each user's relevant items with and without training
     * interactions, see {@link EvaluationResult#segments()}).
     */
    private static Map<String, Map<String, Double>> segments(InteractionMatrix train, Tasks tasks, EvaluationRun run,
                                                             int[] cutoffs) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        int n = tasks.userIds.size();
        double[][] warmUsers = new double[n][];
        double[][] coldUsers = new double[n][];
        boolean anyWarm = false;
        boolean anyCold = false;
        for (int u = 0; u < n; u++) {
            int index = train.userIndex(tasks.userIds.get(u));
            boolean warm = index >= 0 && train.degree(index) > 0;
            (warm ? warmUsers : coldUsers)[u] = run.perUser[u];
            anyWarm |= warm;
            anyCold |= !warm;
        }
        if (anyWarm && anyCold) {
            out.put("warm users", segmentMeans(warmUsers, cutoffs));
            out.put("cold users", segmentMeans(coldUsers, cutoffs));
        }
        boolean warmItems = Arrays.stream(run.warmItemsPerUser).anyMatch(Objects::nonNull);
        boolean coldItems = Arrays.stream(run.coldItemsPerUser).anyMatch(Objects::nonNull);
        if (warmItems && coldItems) {
            out.put("warm items", segmentMeans(run.warmItemsPerUser, cutoffs));
            out.put("cold items", segmentMeans(run.coldItemsPerUser, cutoffs));
        }
        return out;
    }

    /** The number of users in the group (rows not null) and the mean of each per-user metric over them. */
    private static Map<String, Double> segmentMeans(double[][] rows, int[] cutoffs) {
        double[][] present = Arrays.stream(rows).filter(Objects::nonNull).toArray(double[][]::new);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("users", (double) present.length);
        int per = EvaluationRun.PER_USER.size();
        for (int m = 0; m < per; m++) {
            for (int a = 0; a < cutoffs.length; a++) {
                out.put(EvaluationRun.PER_USER.get(m).key(cutoffs[a]), nanMean(column(present, a * per + m)));
            }
        }
        out.put(Metric.AUC.key(0), nanMean(column(present, cutoffs.length * per)));
        return out;
    }

    private static UserMetrics perUser(List<String> users, double[][] perUser, int[] cutoffs) {
        Map<String, double[]> values = new LinkedHashMap<>();
        int per = EvaluationRun.PER_USER.size();
        for (int m = 0; m < per; m++) {
            for (int a = 0; a < cutoffs.length; a++) {
                values.put(EvaluationRun.PER_USER.get(m).key(cutoffs[a]), column(perUser, a * per + m));
            }
        }
        values.put(Metric.AUC.key(0), column(perUser, cutoffs.length * per));
        return new UserMetrics(users, values);
    }

    private static double[] column(double[][] rows, int slot) {
        double[] out = new double[rows.length];
        for (int u = 0; u < rows.length; u++) {
            out[u] = rows[u][slot];
        }
        return out;
    }

    /** Averages of the per-user random expectations, for the metrics that have one; in the order of the metrics. */
    private static Map<String, Double> randomExpected(double[][] randomPerUser, int[] cutoffs) {
        Map<String, Double> out = new LinkedHashMap<>();
        int per = EvaluationRun.PER_USER.size();
        for (int m = 0; m < per; m++) {
            for (int a = 0; a < cutoffs.length; a++) {
                double mean = nanMean(column(randomPerUser, a * per + m));
                if (!Double.isNaN(mean)) {
                    out.put(EvaluationRun.PER_USER.get(m).key(cutoffs[a]), mean);
                }
            }
        }
        double auc = nanMean(column(randomPerUser, cutoffs.length * per));
        if (!Double.isNaN(auc)) {
            out.put(Metric.AUC.key(0), auc);
        }
        return out;
    }

    private static double nanMean(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static Map<String, Double> average(double[][] perUser, int[] cutoffs, BitSet[] recommended,
                                               int numCandidates, int users) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int m = 0; m < EvaluationRun.PER_USER.size(); m++) {
            for (int a = 0; a < cutoffs.length; a++) {
                int slot = a * EvaluationRun.PER_USER.size() + m;
                double sum = 0;
                for (double[] values : perUser) {
                    sum += values[slot];
                }
                metrics.put(EvaluationRun.PER_USER.get(m).key(cutoffs[a]), users == 0 ? Double.NaN : sum / users);
            }
        }
        for (int a = 0; a < cutoffs.length; a++) {
            metrics.put(Metric.COVERAGE.key(cutoffs[a]),
                    RankingMetrics.coverage(recommended[a].cardinality(), numCandidates));
        }
        double aucSum = 0;
        int aucUsers = 0;
        for (double[] values : perUser) {
            double auc = values[values.length - 1];
            if (!Double.isNaN(auc)) {
                aucSum += auc;
                aucUsers++;
            }
        }
        metrics.put(Metric.AUC.key(0), aucUsers == 0 ? Double.NaN : aucSum / aucUsers);
        return metrics;
    }

    private static int[] cutoffs(List<Integer> ks) {
        if (ks == null || ks.isEmpty()) {
            throw new IllegalArgumentException("ks must name at least one cut-off K");
        }
        TreeSet<Integer> sorted = new TreeSet<>();
        for (Integer k : ks) {
            if (k == null || k < 1) {
                throw new IllegalArgumentException("every K must be at least 1, got " + k + " in ks " + ks);
            }
            sorted.add(k);
        }
        return sorted.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean[] candidates(Catalog catalog, Collection<String> candidateItems) {
        boolean[] candidate = new boolean[catalog.size()];
        if (candidateItems == null) {
            Arrays.fill(candidate, true);
            return candidate;
        }
        int unknown = 0;
        String example = null;
        for (String id : candidateItems) {
            int i = catalog.indexOf(id);
            if (i < 0) {
                unknown++;
                example = id;
            } else {
                candidate[i] = true;
            }
        }
        if (unknown > 0) {
            LOG.warn("{} candidate item ids are not in the catalog and are ignored (e.g. '{}')", unknown, example);
        }
        for (boolean c : candidate) {
            if (c) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("none of the " + candidateItems.size()
                + " candidate items is in the catalog");
    }

    /** The users to evaluate and their relevant items (sorted catalog indices). */
    record Tasks(List<String> userIds, List<int[]> relevant, int skippedUsers) {
    }

    private static Tasks tasks(Catalog catalog, InteractionMatrix train, List<Interaction> testPositives,
                               boolean[] candidate) {
        Map<String, TreeSet<Integer>> byUser = new LinkedHashMap<>();
        int outside = 0;
        for (Interaction x : testPositives) {
            int item = catalog.indexOf(x.item());
            if (item < 0) {
                outside++;
                continue;
            }
            byUser.computeIfAbsent(x.user(), u -> new TreeSet<>()).add(item);
        }
        if (outside > 0) {
            LOG.warn("{} test interactions name items outside the catalog and are skipped", outside);
        }
        List<String> ids = new ArrayList<>();
        List<int[]> relevant = new ArrayList<>();
        int skipped = 0;
        for (Map.Entry<String, TreeSet<Integer>> e : byUser.entrySet()) {
            int u = train.userIndex(e.getKey());
            int[] items = e.getValue().stream().mapToInt(Integer::intValue)
                    .filter(i -> candidate[i] && (u < 0 || !train.contains(u, i)))
                    .toArray();
            if (items.length == 0) {
                skipped++;
            } else {
                ids.add(e.getKey());
                relevant.add(items);
            }
        }
        return new Tasks(ids, relevant, skipped);
    }
}
