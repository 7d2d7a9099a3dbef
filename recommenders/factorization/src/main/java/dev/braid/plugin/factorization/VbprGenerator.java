package dev.braid.plugin.factorization;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.Environment;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.generator.TrainingData;
import dev.braid.api.io.Fingerprint;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VBPR-style multimodal BPR ({@link VbprModel}): BPR factors plus a learned projection of each item's fused
 * content vector, matched against per-user content factors, and a content bias. Items nobody interacted with in
 * training are scored through the content terms alone, so it recommends cold items. Seeded, early stopping and
 * model files as in {@link BprGenerator}; the model file's fingerprint also covers the content vectors.
 * Model-based: it overwrites the incoming scores, except {@link Float#NEGATIVE_INFINITY} entries.
 */
@BraidComponent(name = "vbpr", config = VbprConfig.class,
        description = "VBPR: BPR factors plus a learned projection of the fused content vector (handles cold items)")
public final class VbprGenerator extends FactorGenerator<VbprConfig> {
    private static final Logger LOG = LoggerFactory.getLogger(VbprGenerator.class);
    static final String NAME = "vbpr";

    public VbprGenerator(VbprConfig config, Environment environment) {
        super(NAME, config, config.training(), environment);
    }

    @Override
    public void fit(TrainingData data, ProgressListener progress) {
        InteractionMatrix m = data.interactions();
        FeatureMatrix fused = data.features().requireFused(NAME);
        if (fused.rows() != data.catalog().size() || m.numItems() != data.catalog().size()) {
            throw new IllegalArgumentException(NAME + ": the fused matrix has " + fused.rows()
                    + " rows and the interactions cover " + m.numItems() + " items, but the catalog has "
                    + data.catalog().size());
        }
        Positives positives = positivesOf(m);
        SparseRows rows = SparseRows.of(fused);
        SparseRows content = config.contentDimension() > 0 && rows.meanNonZeros() > config.contentDimension()
                ? rows.randomProjection(config.contentDimension(), data.seed() ^ 0x7F4A7C15L) : rows;
        if (content != rows) {
            LOG.info("{}: content vectors of dimension {} ({} non-zeros per item on average) reduced to {} by "
                    + "random projection", NAME, rows.dim, String.format(Locale.ROOT, "%.0f", rows.meanNonZeros()),
                    content.dim);
        }
        long fingerprint = Fingerprint.mix(Fingerprint.mix(config.fingerprint(
                FactorScoring.dataFingerprint(data.catalog(), m, positives)), content.fingerprint()), data.seed());
        loadOrTrain(data.catalog(), m, fingerprint, in -> VbprModel.read(in, content, config.training().learningRate(),
                config.training().regularization(), config.contentRegularization()), () -> Training.run(NAME, () -> {
                    VbprModel fresh = VbprModel.init(positives, content, config.factors(), config.contentFactors(),
                            config.training().learningRate(), config.training().regularization(),
                            config.contentRegularization(), data.seed());
                    fresh.userSampling = config.training().userSampling();
                    fresh.batch = config.batchSize(positives.size());
                    fresh.contentOnly = (float) config.contentOnlyWeight();
                    return fresh;
                }, positives, config.training().plan(data.seed()), progress),
                o -> LOG.info("{}: {} users x {} items, {} positives, content dim {} ({} non-zeros), batch {}, {} "
                        + "epochs, {} s/epoch", NAME, m.numUsers(), m.numItems(), positives.size(), content.dim,
                        content.vals.length, config.batchSize(positives.size()), o.epochs(),
                        String.format(Locale.ROOT, "%.4f", o.secondsPerEpoch())));
    }
}
