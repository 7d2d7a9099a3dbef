package dev.braid.plugin.factorization;

import dev.braid.api.component.Environment;
import dev.braid.api.data.Catalog;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.generator.CandidateScorer;
import dev.braid.api.generator.FitState;
import dev.braid.api.generator.Query;
import dev.braid.api.io.ModelFile;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the SGD factorisation generators ({@code bpr}, {@code vbpr}) share once they have a model: the model file
 * (load when it matches, else train and write), scoring of the catalog or of candidates, and explanations by the
 * model's score, computed for the explained items only.
 */
abstract class FactorGenerator<C extends Record> implements CandidateScorer {
    private static final Logger LOG = LoggerFactory.getLogger(FactorGenerator.class);

    /** The generator's configuration. */
    final C config;
    private final String name;
    private final Path modelPath;
    private final FitState<FactorScoring> fitted;
    private volatile TrainingReport report;

    /** Checks the training parameters now, so a bad configuration fails when the generator is built. */
    FactorGenerator(String name, C config, BprTraining training, Environment environment) {
        training.plan(0);
        this.config = config;
        this.name = name;
        this.modelPath = training.modelPath().isBlank() ? null : environment.resolve(training.modelPath());
        this.fitted = new FitState<>(name);
    }

    /** The training positives, or an error naming the generator when there are none. */
    final Positives positivesOf(InteractionMatrix m) {
        Positives positives = Positives.of(m);
        if (positives.size() == 0) {
            throw new IllegalArgumentException(name + ": the training data has no positive interactions");
        }
        return positives;
    }

    /**
     * The model from the model file when it was trained on inputs with this fingerprint, else a trained one
     * (written to the model file when there is one); then ready to score.
     *
     * @param trained called with the outcome of a training run (for its log line)
     */
    final <M extends FactorModel> void loadOrTrain(Catalog catalog, InteractionMatrix m, long fingerprint,
                                                   ModelFile.Reader<M> reader, Supplier<Training.Outcome<M>> train,
                                                   Consumer<Training.Outcome<M>> trained) {
        M model = null;
        if (modelPath != null) {
            model = FactorModel.FILE.readIfMatching(modelPath, name, fingerprint, reader);
            if (model != null) {
                LOG.info("{}: loaded the model from {}", name, modelPath);
                report = TrainingReport.loaded();
            }
        }
        if (model == null) {
            Training.Outcome<M> o = train.get();
            model = o.model();
            report = TrainingReport.of(o);
            trained.accept(o);
            if (modelPath != null) {
                M saved = model;
                FactorModel.FILE.write(modelPath, name, fingerprint, saved::write);
                LOG.info("{}: wrote the model to {}", name, modelPath);
            }
        }
        fitted.set(new FactorScoring(name, catalog, m, model));
    }

    @Override
    public final void score(Query query, float[] scores) {
        fitted.get().score(query, scores);
    }

    @Override
    public final void score(Query query, int[] candidates, float[] scores) {
        fitted.get().score(query, candidates, scores);
    }

    @Override
    public final List<String> explain(Query query, int item) {
        return explain(query, new int[] {item}).get(0);
    }

    /** The model's score of each item, as {@code "<name>: score 0.812"}: one pass over the explained items. */
    @Override
    public final List<List<String>> explain(Query query, int[] items) {
        return fitted.get().explain(query, items);
    }

    /** How the last fit went (epochs, seconds per epoch, validation NDCG), or null before fit. */
    public final TrainingReport trainingReport() {
        return report;
    }
}
