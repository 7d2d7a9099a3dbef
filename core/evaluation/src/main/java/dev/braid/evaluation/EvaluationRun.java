package dev.braid.evaluation;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.evaluation.metrics.Metric;
import dev.braid.evaluation.metrics.RandomRanking;
import dev.braid.evaluation.metrics.RankingMetrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The state of one {@link Evaluator#evaluate} call: workers pull the next user from a shared counter, score it into
 * their own buffers and write its metric values into the user's slot, so the averages can be summed in user order.
 */
final class EvaluationRun {
    /** Per-K values stored per user, in this order; the last slot of a user holds its AUC. */
    static final List<Metric> PER_USER = List.of(Metric.PRECISION, Metric.RECALL, Metric.F1, Metric.NDCG,
            Metric.MAP, Metric.MRR, Metric.HIT_RATE);

    final double[][] perUser;
    /** Per user, the expected value of each slot under a random ranking of its candidates (NaN: no closed form). */
    final double[][] randomPerUser;
    /** Per user, the values over its relevant warm items only, and over its cold items only (null: none). */
    final double[][] warmItemsPerUser;
    final double[][] coldItemsPerUser;
    final BitSet[] recommended;

    private final InteractionMatrix train;
    private final Evaluator.Tasks tasks;
    private final boolean[] candidate;
    private final int[] cutoffs;
    private final Scorer scorer;
    private final ProgressListener progress;
    private final TieBreak tieBreak;
    private final boolean[] warmItem;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicBoolean failed = new AtomicBoolean();

    EvaluationRun(InteractionMatrix train, Evaluator.Tasks tasks, boolean[] candidate, int[] cutoffs, Scorer scorer,
                  TieBreak tieBreak, boolean[] warmItem, ProgressListener progress) {
        this.train = train;
        this.tasks = tasks;
        this.candidate = candidate;
        this.cutoffs = cutoffs;
        this.scorer = scorer;
        this.progress = progress;
        this.tieBreak = tieBreak;
        this.warmItem = warmItem;
        this.warmItemsPerUser = new double[tasks.userIds().size()][];
        this.coldItemsPerUser = new double[tasks.userIds().size()][];
        this.perUser = new double[tasks.userIds().size()][];
        this.randomPerUser = new double[tasks.userIds().size()][];
        this.recommended = new BitSet[cutoffs.length];
        for (int a = 0; a < cutoffs.length; a++) {
            recommended[a] = new BitSet(candidate.length);
        }
    }

    /** Runs the workers on a fixed pool of this many threads and merges their coverage sets. */
    void execute(int threads) {
        if (perUser.length == 0) {
            return;
        }
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "braid-eval-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Worker> workers = new ArrayList<>(threads);
            List<Future<?>> futures = new ArrayList<>(threads);
            for (int t = 0; t < threads; t++) {
                Worker w = new Worker();
                workers.add(w);
                futures.add(pool.submit(w::run));
            }
            for (Future<?> f : futures) {
                await(f);
            }
            for (Worker w : workers) {
                for (int a = 0; a < cutoffs.length; a++) {
                    recommended[a].or(w.recommended[a]);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void await(Future<?> f) {
        try {
            f.get();
        } catch (ExecutionException e) {
            failed.set(true);
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
        } catch (InterruptedException e) {
            failed.set(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating", e);
        }
    }

    /** One thread's buffers; a worker scores users until none is left or another worker failed. */
    private final class Worker {
        final BitSet[] recommended = new BitSet[cutoffs.length];
        private final int n = candidate.length;
        private final float[] scores = new float[n];
        // excluded[i]: not a candidate for the current user (outside the restriction, or a training item).
        private final boolean[] excluded = new boolean[n];
        private final boolean[] relevant = new boolean[n];
        private final float[] negatives = new float[n];
        private final TopK top = new TopK(cutoffs[cutoffs.length - 1]);
        private int candidates; // of the current user, relevant ones included

        Worker() {
            for (int a = 0; a < cutoffs.length; a++) {
                recommended[a] = new BitSet(n);
            }
            for (int i = 0; i < n; i++) {
                excluded[i] = !candidate[i];
            }
        }

        void run() {
            for (int user = next.getAndIncrement(); user < perUser.length && !failed.get();
                 user = next.getAndIncrement()) {
                evaluate(user, tasks.userIds().get(user), tasks.relevant().get(user));
                progress.advance(1);
            }
        }

        private void evaluate(int user, String userId, int[] rel) {
            Arrays.fill(scores, Float.NEGATIVE_INFINITY);
            try {
                scorer.score(userId, scores);
            } catch (RuntimeException e) {
                failed.set(true);
                throw new IllegalStateException("the scorer failed for user '" + userId + "': " + e.getMessage(), e);
            }
            int u = train.userIndex(userId);
            int[] seen = u < 0 ? new int[0] : train.items(u);
            for (int i : seen) {
                excluded[i] = true;
            }
            for (int i : rel) {
                relevant[i] = true;
            }
            try {
                long userKey = tieBreak.userKey(userId);
                perUser[user] = metrics(rel, userKey, true);
                randomPerUser[user] = randomExpectation(rel.length);
                if (warmItem != null) {
                    itemSegments(user, rel, userKey);
                }
            } finally {
                for (int i : seen) {
                    excluded[i] = !candidate[i];
                }
                for (int i : rel) {
                    relevant[i] = false;
                }
            }
        }

        /**
         * The metrics over the user's relevant warm items only and over its cold items only: the other relevant
         * items are taken out of the ranking for that pass (neither hits nor negatives). Coverage is not updated.
         */
        private void itemSegments(int user, int[] rel, long userKey) {
            int warm = 0;
            for (int i : rel) {
                warm += warmItem[i] ? 1 : 0;
            }
            if (warm == rel.length) {
                warmItemsPerUser[user] = perUser[user];
            } else if (warm == 0) {
                coldItemsPerUser[user] = perUser[user];
            } else {
                warmItemsPerUser[user] = subset(rel, true, userKey);
                coldItemsPerUser[user] = subset(rel, false, userKey);
            }
        }

        private double[] subset(int[] rel, boolean warm, long userKey) {
            int[] kept = java.util.Arrays.stream(rel).filter(i -> warmItem[i] == warm).toArray();
            for (int i : rel) {
                if (warmItem[i] != warm) {
                    excluded[i] = true;
                    relevant[i] = false;
                }
            }
            try {
                return metrics(kept, userKey, false);
            } finally {
                for (int i : rel) {
                    if (warmItem[i] != warm) {
                        excluded[i] = false; // a relevant item is a candidate, never a training item
                        relevant[i] = true;
                    }
                }
            }
        }

        private double[] metrics(int[] rel, long userKey, boolean countCoverage) {
            top.clear();
            int negativeCount = 0;
            candidates = 0;
            for (int i = 0; i < n; i++) {
                if (excluded[i]) {
                    continue;
                }
                candidates++;
                float s = scores[i];
                if (!relevant[i]) {
                    negatives[negativeCount++] = s;
                }
                if (s > Float.NEGATIVE_INFINITY) { // also false for NaN: never recommended
                    top.offer(i, s, tieBreak.key(userKey, i));
                }
            }
            int[] ranked = top.drainBestFirst();
            boolean[] hits = new boolean[ranked.length];
            for (int r = 0; r < ranked.length; r++) {
                hits[r] = relevant[ranked[r]];
            }
            double[] values = new double[cutoffs.length * PER_USER.size() + 1];
            for (int a = 0; a < cutoffs.length; a++) {
                int k = cutoffs[a];
                int base = a * PER_USER.size();
                double p = RankingMetrics.precision(hits, k);
                double r = RankingMetrics.recall(hits, rel.length, k);
                values[base] = p;
                values[base + 1] = r;
                values[base + 2] = RankingMetrics.f1(p, r);
                values[base + 3] = RankingMetrics.ndcg(hits, rel.length, k);
                values[base + 4] = RankingMetrics.averagePrecision(hits, rel.length, k);
                values[base + 5] = RankingMetrics.reciprocalRank(hits, k);
                values[base + 6] = RankingMetrics.hitRate(hits, k);
                for (int j = 0, end = countCoverage ? Math.min(k, ranked.length) : 0; j < end; j++) {
                    recommended[a].set(ranked[j]);
                }
            }
            float[] positives = new float[rel.length];
            for (int j = 0; j < rel.length; j++) {
                positives[j] = scores[rel[j]];
            }
            values[values.length - 1] = RankingMetrics.auc(positives, negatives, negativeCount);
            return values;
        }

        private double[] randomExpectation(int numRelevant) {
            double[] values = new double[cutoffs.length * PER_USER.size() + 1];
            for (int a = 0; a < cutoffs.length; a++) {
                for (int m = 0; m < PER_USER.size(); m++) {
                    Metric metric = PER_USER.get(m);
                    values[a * PER_USER.size() + m] = RandomRanking.covers(metric)
                            ? RandomRanking.expected(metric, numRelevant, candidates, cutoffs[a]) : Double.NaN;
                }
            }
            values[values.length - 1] = numRelevant < candidates ? 0.5 : Double.NaN;
            return values;
        }
    }
}
