package dev.braid.plugin.neural;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.Environment;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.compute.ComputeBackend;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.ItemFeatures;
import dev.braid.api.generator.CandidateScorer;
import dev.braid.api.generator.FitState;
import dev.braid.api.generator.Query;
import dev.braid.api.generator.Scores;
import dev.braid.api.generator.TrainingData;
import dev.braid.api.io.AtomicFiles;
import dev.braid.api.io.Fingerprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A two-tower neural recommender trained with DJL (PyTorch engine, CPU; {@link TwoTowerTrainer}). The item tower
 * is an MLP over the item's fused content vector plus a learned id embedding (dropped at random in training so the
 * content path stands alone: items without interactions are scored from their content); the user tower is the
 * normalised mean of the item-tower outputs of the user's history. Trained by sampled softmax with in-batch and
 * uniform negatives and logQ correction, seeded, with early stopping on held-out positives.
 *
 * <p>After training the catalog's item vectors are computed once in plain Java (through the injected
 * {@link ComputeBackend}); scoring never calls DJL. With {@code modelPath} set, a model trained on the same
 * catalog, features, interactions, parameters and seed is loaded instead of training, and a newly trained model is
 * written there atomically with a {@code .json} sidecar. Model-based: it overwrites the incoming scores, except
 * {@link Float#NEGATIVE_INFINITY} entries.
 */
@BraidComponent(name = "two-tower", config = TwoTowerConfig.class,
        description = "Two-tower neural model over content + item ids (DJL/PyTorch CPU, sampled softmax)")
public final class TwoTowerGenerator implements CandidateScorer {
    private static final Logger LOG = LoggerFactory.getLogger(TwoTowerGenerator.class);
    static final String NAME = "two-tower";

    private final TwoTowerConfig config;
    private final ComputeBackend backend;
    private final Path modelPath;
    private final FitState<Fitted> fitted = new FitState<>(NAME);
    private volatile TwoTowerReport report;

    private record Fitted(TwoTowerScorer scorer, InteractionMatrix interactions) {
    }

    public TwoTowerGenerator(TwoTowerConfig config, Environment environment, ComputeBackend backend) {
        this.config = Objects.requireNonNull(config, "config");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.modelPath = config.modelPath().isBlank() ? null : environment.resolve(config.modelPath());
    }

    @Override
    public void fit(TrainingData data, ProgressListener progress) {
        InteractionMatrix m = data.requireInteractions(NAME);
        int n = data.catalog().size();
        if (m.numInteractions() == 0) {
            throw new IllegalArgumentException(NAME + ": the training data has no positive interactions");
        }
        FeatureMatrix features = contentOf(data.features()).orElse(null);
        if (features == null && !config.idEmbedding()) {
            throw new IllegalArgumentException(NAME + ": the pipeline has no fused item features and idEmbedding is "
                    + "false; add a fusion strategy or set idEmbedding: true");
        }
        if (features != null && features.rows() != n) {
            throw new IllegalArgumentException(NAME + ": the features have " + features.rows() + " rows but the "
                    + "catalog has " + n + " items");
        }
        ContentInput content = features == null ? ContentInput.none(n)
                : ContentInput.of(features, config.inputDimension(), data.seed(), backend);
        long fingerprint = fingerprint(data, features);
        TowerWeights weights = null;
        if (modelPath != null) {
            weights = TowerWeights.FILE.readIfMatching(modelPath, NAME, fingerprint,
                    in -> TowerWeights.read(in, n, m.numUsers()));
            if (weights != null) {
                LOG.info("{}: loaded the model from {}", NAME, modelPath);
                report = TwoTowerReport.loaded();
            }
        }
        if (weights == null) {
            TwoTowerTrainer.Outcome o = new TwoTowerTrainer(NAME, config, content, backend)
                    .train(UserRows.of(m), data.seed(), progress);
            weights = o.weights();
            report = TwoTowerReport.of(o);
            LOG.info("{}: {} users x {} items, {} positives, content width {}, {} epochs (best {}), {} s/epoch",
                    NAME, m.numUsers(), n, m.numInteractions(), content.width(), o.epochs(), o.bestEpoch(),
                    String.format(Locale.ROOT, "%.3f", o.secondsPerEpoch()));
            if (modelPath != null) {
                TowerWeights saved = weights;
                TowerWeights.FILE.write(modelPath, NAME, fingerprint, saved::write);
                Path side = sidecar(modelPath);
                try {
                    AtomicFiles.writeString(side, sidecarJson(fingerprint, content, o));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + side + ": " + e.getMessage(), e);
                }
                LOG.info("{}: wrote the model to {}", NAME, modelPath);
            }
        }
        fitted.set(new Fitted(new TwoTowerScorer(weights, content, (float) config.temperature(), n, backend), m));
    }

    /** The fused matrix, or the only modality when the pipeline encodes one and does not fuse. */
    private static Optional<FeatureMatrix> contentOf(ItemFeatures features) {
        if (features.fused().isPresent()) {
            return features.fused();
        }
        return features.modalities().size() == 1 ? Optional.of(features.modalities().values().iterator().next())
                : Optional.empty();
    }

    private long fingerprint(TrainingData data, FeatureMatrix features) {
        InteractionMatrix m = data.interactions();
        long h = Fingerprint.start();
        for (int i = 0; i < data.catalog().size(); i++) {
            h = Fingerprint.mix(h, data.catalog().item(i).id());
        }
        for (int u = 0; u < m.numUsers(); u++) {
            h = Fingerprint.mix(h, m.userId(u));
            for (int j = 0; j < m.degree(u); j++) {
                h = Fingerprint.mix(h, m.item(u, j));
            }
            h = Fingerprint.mix(h, -1L);
        }
        if (features != null) {
            h = Fingerprint.mix(h, features.dim());
            float[] v = features.sharedValues();
            for (int r = 0; r < features.rows(); r++) {
                h = Fingerprint.mix(h, features.isPresent(r) ? 1 : 0);
            }
            for (float x : v) {
                h = Fingerprint.mix(h, Float.floatToIntBits(x));
            }
        }
        h = Fingerprint.mix(h, data.seed());
        h = Fingerprint.mix(h, TowerWeights.FILE.version());
        return config.fingerprint(h);
    }

    static Path sidecar(Path model) {
        return model.resolveSibling(model.getFileName() + ".json");
    }

    private String sidecarJson(long fingerprint, ContentInput content, TwoTowerTrainer.Outcome o) {
        return String.format(Locale.ROOT, "{%n  \"kind\": \"%s\",%n  \"fingerprint\": \"%016x\",%n"
                        + "  \"engine\": \"%s\",%n  \"config\": \"%s\",%n  \"contentWidth\": %d,%n"
                        + "  \"epochs\": %d,%n  \"bestEpoch\": %d,%n  \"validationNdcg@10\": %s,%n"
                        + "  \"secondsPerEpoch\": %.4f%n}%n", NAME, fingerprint, TwoTowerTrainer.ENGINE,
                config.toString().replace("\"", "'"), content.width(), o.epochs(), o.bestEpoch(),
                Double.isNaN(o.bestValidationNdcg()) ? "null" : String.format(Locale.ROOT, "%.6f",
                        o.bestValidationNdcg()), o.secondsPerEpoch());
    }

    @Override
    public void score(Query query, float[] scores) {
        Fitted f = fitted.get();
        Scores.requireSlots(NAME, scores, f.scorer().items);
        float[] own = new float[scores.length];
        f.scorer().score(userVector(f, query), own);
        Scores.overwrite(own, scores);
    }

    @Override
    public void score(Query query, int[] candidates, float[] scores) {
        Fitted f = fitted.get();
        Scores.requireCandidates(NAME, candidates, scores, f.scorer().items);
        float[] own = new float[candidates.length];
        f.scorer().score(userVector(f, query), candidates, own);
        Scores.overwrite(own, scores);
    }

    /** The user's vector from their history, else the query vector's, else null (the item biases alone). */
    private static float[] userVector(Fitted f, Query query) {
        int u = query.user() == null ? -1 : f.interactions().userIndex(query.user());
        if (u >= 0) {
            return f.scorer().userVector(u, f.interactions().items(u));
        }
        if (query.vector() != null && f.scorer().content.width() > 0) {
            return f.scorer().exampleVector(query.vectorValue().orElseThrow());
        }
        return null;
    }

    @Override
    public List<String> explain(Query query, int item) {
        return explain(query, new int[] {item}).get(0);
    }

    /** The model's score of each item: the user vector once, then one dot product per explained item. */
    @Override
    public List<List<String>> explain(Query query, int[] items) {
        float[] own = new float[items.length];
        score(query, items, own);
        return Scores.reasons(NAME, own);
    }

    /** How the last fit went, or null before fit. */
    public TwoTowerReport trainingReport() {
        return report;
    }

}
