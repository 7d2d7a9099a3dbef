package dev.braid.plugin.factorization;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.generator.EarlyStopping;
import dev.braid.api.generator.Validation;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs SGD epochs of a {@link FactorModel}, with optional early stopping: a share of each user's positives is held
 * out, the model is validated every few epochs by NDCG@10 over a full ranking of the items (the user's training
 * positives excluded), and training stops when it has not improved for {@code patience} validations. The best epoch
 * count is then used to retrain on all positives ({@code refit}), or the best model is kept. Everything is drawn
 * from the plan's seed, single-threaded, so the same inputs give the same model.
 */
final class Training {
    private static final Logger LOG = LoggerFactory.getLogger(Training.class);
    static final int VALIDATION_K = 10;

    private Training() {
    }

    /** What training produced and how. */
    record Outcome<M extends FactorModel>(M model, int epochs, double bestValidationNdcg, double secondsPerEpoch) {
    }

    static <M extends FactorModel> Outcome<M> run(String who, Supplier<M> fresh, Positives all, TrainingPlan plan,
                                                  ProgressListener progress) {
        if (plan.validationShare() <= 0) {
            M m = fresh.get();
            double spe = epochs(who + ": epochs", m, all, plan.epochs(), plan.seed(), progress);
            m.prepare();
            return new Outcome<>(m, plan.epochs(), Double.NaN, spe);
        }
        Positives[] parts = all.holdOut(plan.validationShare(), plan.seed() ^ 0x5DEECE66DL);
        Positives train = parts[0];
        Positives validation = parts[1];
        int[] users = validationUsers(validation, plan.maxValidationUsers(), plan.seed());
        M m = fresh.get();
        SplittableRandom random = new SplittableRandom(plan.seed());
        EarlyStopping stopping = new EarlyStopping(plan.patience());
        M bestModel = null;
        long t0 = System.nanoTime();
        int done = 0;
        progress.start(who + ": epochs (early stopping)", plan.epochs());
        try {
            for (int e = 1; e <= plan.epochs(); e++) {
                m.epoch(train, random);
                done = e;
                progress.advance(1);
                if (e % plan.evalEvery() != 0 && e != plan.epochs()) {
                    continue;
                }
                m.prepare();
                double ndcg = validationNdcg(m, train, validation, users);
                LOG.debug("{}: epoch {} validation NDCG@{} = {}", who, e, VALIDATION_K, ndcg);
                if (stopping.improves(e, ndcg)) {
                    if (!plan.refit()) {
                        @SuppressWarnings("unchecked")
                        M c = (M) m.copy();
                        bestModel = c;
                    }
                } else if (stopping.exhausted()) {
                    LOG.info("{}: early stop after epoch {} (best validation NDCG@{} {} at epoch {})", who, e,
                            VALIDATION_K, String.format(Locale.ROOT, "%.4f", stopping.best()), stopping.bestEpoch());
                    break;
                }
            }
        } finally {
            progress.finish();
        }
        double spe = (System.nanoTime() - t0) / 1e9 / Math.max(1, done);
        if (!plan.refit()) {
            bestModel.prepare();
            return new Outcome<>(bestModel, stopping.bestEpoch(), stopping.best(), spe);
        }
        M refit = fresh.get();
        epochs(who + ": refit on all positives", refit, all, stopping.bestEpoch(), plan.seed(), progress);
        refit.prepare();
        LOG.info("{}: {} epochs (validation NDCG@{} {}), refit on all {} positives", who, stopping.bestEpoch(),
                VALIDATION_K, String.format(Locale.ROOT, "%.4f", stopping.best()), all.size());
        return new Outcome<>(refit, stopping.bestEpoch(), stopping.best(), spe);
    }

    /** Runs epochs and returns the seconds per epoch. */
    private static double epochs(String task, FactorModel m, Positives data, int epochs, long seed,
                                 ProgressListener progress) {
        SplittableRandom random = new SplittableRandom(seed);
        long t0 = System.nanoTime();
        progress.start(task, epochs);
        try {
            for (int e = 0; e < epochs; e++) {
                m.epoch(data, random);
                progress.advance(1);
            }
        } finally {
            progress.finish();
        }
        return (System.nanoTime() - t0) / 1e9 / epochs;
    }

    private static int[] validationUsers(Positives validation, int max, long seed) {
        int[] users = java.util.stream.IntStream.range(0, validation.numUsers)
                .filter(u -> validation.degree(u) > 0).toArray();
        return Validation.sample(users, max, new SplittableRandom(seed ^ 0xA5A5A5A5L));
    }

    /** Mean NDCG@10 (binary relevance) of the validation positives, training positives excluded. */
    static double validationNdcg(FactorModel m, Positives train, Positives validation, int[] users) {
        float[] scores = new float[train.numItems];
        int[] top = new int[VALIDATION_K];
        double sum = 0;
        for (int u : users) {
            m.scoreUser(u, scores);
            for (int p = train.rowStart[u]; p < train.rowStart[u + 1]; p++) {
                scores[train.items[p]] = Float.NEGATIVE_INFINITY;
            }
            int n = TopK.select(scores, top);
            sum += Validation.ndcg(top, n, i -> validation.contains(u, i), validation.degree(u), VALIDATION_K);
        }
        return users.length == 0 ? Double.NaN : sum / users.length;
    }
}
