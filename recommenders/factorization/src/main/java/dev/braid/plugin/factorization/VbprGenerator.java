package dev.braid.plugin.factorization;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.Environment;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.FeatureMatrix;
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
 * VBPR-style multimodal BPR ({@link VbprModel}): BPR factors plus a learned projection of each item's fused
 * content vector, matched against per-user content factors, and a content bias. Items nobody interacted with in
 * training are scored through the content terms alone, so it recommends cold items. Seeded, early stopping and
 * model files as in {@link BprGenerator}; the model file's fingerprint also covers the content vectors.
 * Model-based: it overwrites the incoming scores, except {@link Float#NEGATIVE_INFINITY} entries.
 */
@BraidComponent(name = "vbpr", config = VbprConfig.class,
        description = "VBPR: BPR factors plus a learned projection of the fused content vector (handles cold items)")
public final class VbprGenerator implements Generator {
    private static final Logger LOG = LoggerFactory.getLogger(VbprGenerator.class);
    static final String NAME = "vbpr";

    private final VbprConfig config;
    private final Path modelPath;
    private volatile FactorScoring fitted;
    private volatile TrainingReport report;

    public VbprGenerator(VbprConfig config, Environment environment) {
        this.config = Objects.requireNonNull(config, "config");
        config.plan(0);
        this.modelPath = config.modelPath().isBlank() ? null : environment.resolve(config.modelPath());
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
        Positives positives = Positives.of(m);
        if (positives.size() == 0) {
            throw new IllegalArgumentException(NAME + ": the training data has no positive interactions");
        }
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
        VbprModel model = null;
        if (modelPath != null) {
            model = FactorModel.FILE.readIfMatching(modelPath, NAME, fingerprint, in -> VbprModel.read(in, content,
                    config.learningRate(), config.regularization(), config.contentRegularization()));
            if (model != null) {
                LOG.info("{}: loaded the model from {}", NAME, modelPath);
                report = TrainingReport.loaded();
            }
        }
        if (model == null) {
            Training.Outcome<VbprModel> o = Training.run(NAME, () -> {
                VbprModel fresh = VbprModel.init(positives, content, config.factors(), config.contentFactors(),
                        config.learningRate(), config.regularization(), config.contentRegularization(), data.seed());
                fresh.userSampling = config.userSampling();
                fresh.batch = config.batchSize(positives.size());
                fresh.contentOnly = (float) config.contentOnlyWeight();
                return fresh;
            }, positives, config.plan(data.seed()), progress);
            model = o.model();
            report = TrainingReport.of(o);
            LOG.info("{}: {} users x {} items, {} positives, content dim {} ({} non-zeros), batch {}, {} epochs, {} "
                    + "s/epoch", NAME, m.numUsers(), m.numItems(), positives.size(), content.dim, content.vals.length,
                    config.batchSize(positives.size()), o.epochs(), String.format(Locale.ROOT, "%.4f",
                    o.secondsPerEpoch()));
            if (modelPath != null) {
                VbprModel saved = model;
                FactorModel.FILE.write(modelPath, NAME, fingerprint, saved::write);
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

    /** How the last fit went, or null before fit. */
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
