package dev.braid.plugin.factorization;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.Environment;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.Catalog;
import dev.braid.api.generator.CandidateScorer;
import dev.braid.api.generator.FitState;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.Scores;
import dev.braid.api.generator.TrainingData;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Implicit-feedback ALS, trained distributed by Spark MLlib ({@code BraidJob --stage train}) and loaded here from
 * its factor file: score = user factor · item factor. Items the model has no factor for (never in training) get
 * {@link Float#NEGATIVE_INFINITY}; a user it has no factor for gets 0 everywhere, leaving the decision to later
 * stages. Model-based: it overwrites the incoming scores, except negative-infinity entries of earlier stages.
 */
@BraidComponent(name = "als", config = AlsConfig.class,
        description = "implicit ALS matrix factorisation (trained on Spark by BraidJob --stage train; loads its "
                + "factor file)")
public final class AlsGenerator implements CandidateScorer {
    private static final Logger LOG = LoggerFactory.getLogger(AlsGenerator.class);

    private final AlsConfig config;
    private final Path model;
    private final FitState<Fitted> fitted = new FitState<>("als");

    public AlsGenerator(AlsConfig config, Environment environment) {
        if (config.model() == null || config.model().isBlank()) {
            throw new IllegalArgumentException("model: required — the factor file BraidJob --stage train writes "
                    + "(ALS trains on Spark, see docs/spark.md)");
        }
        this.config = config;
        this.model = environment.resolve(config.model());
    }

    private record Fitted(int rank, Map<String, Integer> users, float[] userFactors, float[] itemRows,
                          boolean[] hasItem) {
    }

    @Override
    public void fit(TrainingData data, ProgressListener progress) {
        AlsFactors f = AlsFactors.read(model, config.fingerprint());
        if (f == null) {
            throw new IllegalArgumentException(model + ": no ALS model trained with these parameters (rank "
                    + config.rank() + ", iterations " + config.iterations() + ", regParam " + config.regParam()
                    + ", alpha " + config.alpha() + ", seed " + config.seed() + "); train it with BraidJob --stage "
                    + "train");
        }
        if (f.rank() != config.rank()) {
            throw new IllegalArgumentException(model + ": rank " + f.rank() + ", configured " + config.rank());
        }
        Catalog catalog = data.catalog();
        int rank = f.rank();
        float[] rows = new float[catalog.size() * rank];
        boolean[] has = new boolean[catalog.size()];
        int matched = 0;
        for (int j = 0; j < f.items().length; j++) {
            int i = catalog.indexOf(f.items()[j]);
            if (i >= 0) {
                System.arraycopy(f.itemFactors(), j * rank, rows, i * rank, rank);
                has[i] = true;
                matched++;
            }
        }
        Map<String, Integer> users = new HashMap<>(f.users().length * 2);
        for (int u = 0; u < f.users().length; u++) {
            users.put(f.users()[u], u);
        }
        fitted.set(new Fitted(rank, users, f.userFactors(), rows, has));
        LOG.info("als: loaded {} users and {} items ({} in this catalog of {}) of rank {} from {}", users.size(),
                f.items().length, matched, catalog.size(), rank, model);
    }

    @Override
    public void score(Query query, float[] scores) {
        Fitted f = fitted.get();
        Scores.requireSlots("als", scores, f.hasItem().length);
        score(f, query, null, scores);
    }

    @Override
    public void score(Query query, int[] candidates, float[] scores) {
        Fitted f = fitted.get();
        Scores.requireCandidates("als", candidates, scores, f.hasItem().length);
        score(f, query, candidates, scores);
    }

    /** Every item ({@code candidates} null) or the candidates: {@code p_u · q_i}; items without factors never. */
    private static void score(Fitted f, Query query, int[] candidates, float[] scores) {
        Integer u = query.user() == null ? null : f.users().get(query.user());
        if (u == null) {
            Scores.fill(0f, scores);
            return;
        }
        int rank = f.rank();
        for (int k = 0; k < scores.length; k++) {
            int i = candidates == null ? k : candidates[k];
            if (scores[k] != Float.NEGATIVE_INFINITY) {
                scores[k] = f.hasItem()[i] ? Vectors.dot(f.userFactors(), u * rank, f.itemRows(), i * rank, rank)
                        : Float.NEGATIVE_INFINITY;
            }
        }
    }
}
