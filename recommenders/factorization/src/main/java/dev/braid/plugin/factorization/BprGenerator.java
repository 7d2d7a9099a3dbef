package dev.braid.plugin.factorization;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.Environment;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.generator.TrainingData;
import dev.braid.api.io.Fingerprint;
import java.util.Locale;
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
public final class BprGenerator extends FactorGenerator<BprConfig> {
    private static final Logger LOG = LoggerFactory.getLogger(BprGenerator.class);
    static final String NAME = "bpr";

    public BprGenerator(BprConfig config, Environment environment) {
        super(NAME, config, config.training(), environment);
    }

    @Override
    public void fit(TrainingData data, ProgressListener progress) {
        InteractionMatrix m = data.requireInteractions(NAME);
        Positives positives = positivesOf(m);
        long fingerprint = Fingerprint.mix(config.fingerprint(FactorScoring.dataFingerprint(data.catalog(), m, positives)),
                data.seed());
        loadOrTrain(data.catalog(), m, fingerprint, in -> BprModel.read(in, config.training().learningRate(),
                config.training().regularization(), config.itemBias()), () -> Training.run(NAME, () -> {
                    BprModel fresh = BprModel.init(positives, config.factors(), config.training().learningRate(),
                            config.training().regularization(), config.itemBias(), data.seed());
                    fresh.userSampling = config.training().userSampling();
                    return fresh;
                }, positives, config.training().plan(data.seed()), progress),
                o -> LOG.info("{}: {} users x {} items, {} positives, {} factors, {} epochs, {} s/epoch", NAME,
                        m.numUsers(), m.numItems(), positives.size(), config.factors(), o.epochs(),
                        String.format(Locale.ROOT, "%.4f", o.secondsPerEpoch())));
    }
}
