package dev.braid.plugin.factorization;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.Environment;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.generator.Generator;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.TrainingData;
import dev.braid.api.io.Fingerprint;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bayesian Personalised Ranking matrix factorisation ({@link BprModel}): learns user and item factors (and item
 * biases) from the training positives by SGD with uniform negative sampling, seeded by the run's seed and
 * single-threaded, so a run is reproducible. With {@code validationShare > 0} it chooses the epoch count by early
 * stopping on held-out positives, then retrains on all of them. With {@code modelPath} set, a model file trained
 * on the same catalog, interactions, parameters and seed is loaded instead of training, and a newly trained model
 * is written there atomically.
 *
 * <p>Scores are {@code b_i + p_u · q_i}; a user unknown to the training data gets the item biases (a popularity
 * prior). Model-based: it overwrites the incoming scores, except {@link Float#NEGATIVE_INFINITY} entries.
 */
@BraidComponent(name = "bpr", config = BprConfig.class,
        description = "BPR matrix factorisation (SGD, uniform negative sampling, early stopping)")
public final class BprGenerator implements Generator {
    private static final Logger LOG = LoggerFactory.getLogger(BprGenerator.class);
    static final String NAME = "bpr";

    private final BprConfig config;
    private final Path modelPath;
    private volatile FactorScoring fitted;
    private volatile TrainingReport report;

    public BprGenerator(BprConfig config, Environment environment) {
        this.config = Objects.requireNonNull(config, "config");
        config.plan(0); // validates the training parameters now
        this.modelPath = config.modelPath().isBlank() ? null : environment.resolve(config.modelPath());
    }

    @Override
    public void fit(TrainingData data, ProgressListener progress) {
        InteractionMatrix m = data.interactions();
        if (m.numItems() != data.catalog().size()) {
            throw new IllegalArgumentException(NAME + ": the interactions cover " + m.numItems()
                    + " items but the catalog has " + data.catalog().size());
        }
        Positives positives = Positives.of(m);
        if (positives.size() == 0) {
            throw new IllegalArgumentException(NAME + ": the training data has no positive interactions");
        }
        long fingerprint = Fingerprint.mix(config.fingerprint(FactorScoring.dataFingerprint(data.catalog(), m, positives)),
                data.seed());
        BprModel model = null;
        if (modelPath != null) {
            model = FactorModel.FILE.readIfMatching(modelPath, NAME, fingerprint, in -> BprModel.read(in,
                    config.learningRate(), config.regularization(), config.itemBias()));
            if (model != null) {
                LOG.info("{}: loaded the model from {}", NAME, modelPath);
                report = TrainingReport.loaded();
            }
        }
        if (model == null) {
            Training.Outcome<BprModel> o = Training.run(NAME, () -> {
                BprModel fresh = BprModel.init(positives, config.factors(), config.learningRate(),
                        config.regularization(), config.itemBias(), data.seed());
                fresh.userSampling = config.userSampling();
                return fresh;
            }, positives, config.plan(data.seed()), progress);
            model = o.model();
            report = TrainingReport.of(o);
            LOG.info("{}: {} users x {} items, {} positives, {} factors, {} epochs, {} s/epoch", NAME, m.numUsers(),
                    m.numItems(), positives.size(), config.factors(), o.epochs(),
                    String.format(Locale.ROOT, "%.4f", o.secondsPerEpoch()));
            if (modelPath != null) {
                BprModel saved = model;
                FactorModel.FILE.write(modelPath, NAME, fingerprint, saved::write);
                LOG.info("{}: wrote the model to {}", NAME, modelPath);
            }
        }
        fitted = new FactorScoring(NAME, data.catalog(), m, model);
    }

    @Override
    public void score(Query query, float[] scores) {
        requireFitted().score(query, scores);
    }

    @Override
    public List<String> explain(Query query, int item) {
        FactorScoring f = requireFitted();
        float[] s = new float[f.catalog().size()];
        f.score(query, s);
        return List.of(String.format(Locale.ROOT, "%s: score %.3f", NAME, s[item]));
    }

    /** How the last fit went (epochs, seconds per epoch, validation NDCG), or null before fit. */
    public TrainingReport trainingReport() {
        return report;
    }

    private FactorScoring requireFitted() {
        FactorScoring f = fitted;
        if (f == null) {
            throw new IllegalStateException(NAME + " generator is used before fit()");
        }
        return f;
    }
}
