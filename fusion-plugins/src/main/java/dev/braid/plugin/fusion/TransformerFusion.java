package dev.braid.plugin.fusion;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.Environment;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.compute.ComputeBackend;
import dev.braid.api.data.InteractionMatrix;
import dev.braid.api.data.Modality;
import dev.braid.api.fusion.FusionInput;
import dev.braid.api.fusion.ModalityVectors;
import dev.braid.api.io.Fingerprint;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transformer fusion: multi-head self-attention over one token per present modality, trained against the
 * recommendation objective with DJL on the PyTorch engine (CPU).
 *
 * <p><b>Model.</b> Each modality {@code m} is reduced to a unit vector {@code u_m} of {@code inputDimension}
 * ({@link ModalityProjector}: standardise, PCA or random projection fitted on the catalog, normalise); its token is
 * {@code u_m W_m + e_m} ({@code e_m}: a learned modality embedding, which is also the projection's bias). With
 * {@code pooling: cls} a learned [CLS] token comes first. {@code layers} pre-LN encoder layers (multi-head
 * self-attention, ReLU feed-forward, residuals) follow; an absent modality is masked as a key, so nothing of it
 * reaches the present tokens (no zeros pretending to be data). The output is the [CLS] token (or the mean of the
 * present tokens) through a layer norm and a linear map to {@code dimension}, L2-normalised.
 *
 * <p><b>Training</b> ({@link TransformerTrainer}) needs {@link FusionInput#interactions()}: the strategy learns
 * what predicts a user's items, and without interactions there is nothing to learn from, so {@link #fit} refuses
 * (use {@code gated} with {@code epochs: 0}, {@code weighted-sum} or {@code concat} there). Training is seeded and
 * keeps the parameters of the best validation epoch.
 *
 * <p><b>Model file.</b> With {@code modelFile} set, the trained parameters are saved there (with a JSON sidecar)
 * and, on the next fit, loaded instead of training when the fingerprint matches: the modalities and their
 * dimensions, every hyper-parameter, the seed, the catalog ids, the interactions and the reduced input vectors.
 *
 * <p><b>Serving.</b> After fit the parameters are plain float arrays and {@link #fuse} runs the forward pass of one
 * item in Java ({@link TransformerWeights}): no engine call per item, thread-safe, and equal to the engine's
 * forward pass within float rounding.
 *
 * <p><b>Never below its best input.</b> After training or loading ({@code keepBestInput}, default on) each modality
 * alone is scored on the training's validation split ({@link BestInputRule}); when the kept epoch does not beat the
 * best of them, the strategy outputs that modality alone (standardised, unit length, as {@code concat} fuses one
 * modality) and reports it: weight 1 in {@link #modalityWeights()}, the figures in {@link #fitSummary()}.
 */
@BraidComponent(name = "transformer", config = TransformerConfig.class,
        description = "multi-head self-attention over one token per present modality (absent ones masked), "
                + "trained with DJL/PyTorch against the content-profile objective; model file saved and reloaded")
public final class TransformerFusion extends LearnedFusion<TransformerFusion.Fitted, TransformerTrainer.Epoch> {
    private static final Logger LOG = LoggerFactory.getLogger(TransformerFusion.class);
    static final String NAME = "transformer";
    /** Bumped when the architecture or training changes, so old model files are retrained. */
    private static final int MODEL_REVISION = 1;

    private final TransformerConfig config;
    private final Path modelPath;

    /** @throws IllegalArgumentException naming a modality that does not exist */
    public TransformerFusion(TransformerConfig config, ComputeBackend backend, Environment environment) {
        super(config.modalities(), config.reduction().settings(config.inputDimension()), backend);
        this.config = config;
        this.modelPath = config.modelFile().isBlank() ? null : environment.resolve(config.modelFile());
    }

    @Override
    public void fit(FusionInput input, ProgressListener progress) {
        InteractionMatrix interactions = input.interactions();
        if (interactions == null) {
            throw new IllegalArgumentException(NAME + ": fit needs the training interactions (it learns what "
                    + "predicts a user's items), but this pipeline fits fusion without them; use fusion gated "
                    + "(epochs: 0), weighted-sum or concat here");
        }
        ProjectedModalities projected = project(NAME, input, progress);
        List<ModalityProjector> projectors = projected.projectors();
        int mCount = projectors.size();
        TransformerShape shape = new TransformerShape(mCount, config.inputDimension(), config.modelDimension(),
                config.heads(), config.layers(), config.ffnDimension(), config.pooling().equals("cls"),
                config.dimension());
        long fingerprint = fingerprint(input, projectors, projected.units());
        Trained trained = null;
        if (modelPath != null) {
            trained = FusionModelFile.readIfMatching(modelPath, NAME, fingerprint, r -> read(r, shape));
            if (trained != null) {
                LOG.info("{}: loaded the model from {} (fingerprint {})", NAME, modelPath,
                        Long.toHexString(fingerprint));
            }
        }
        if (trained == null) {
            TransformerTrainer trainer = new TransformerTrainer(config, shape, projected, interactions, input.seed());
            TransformerTrainer.Result r = trainer.train(shape.initialise(input.seed() * 0x9E3779B97F4A7C15L + 1),
                    progress);
            trained = new Trained(r.weights(), r.history(), false);
            if (modelPath != null) {
                Trained t = trained;
                FusionModelFile.write(modelPath, NAME, fingerprint, sidecar(fingerprint, projectors, t),
                        out -> {
                            t.weights().write(out);
                            out.writeInt(t.history().size());
                            for (TransformerTrainer.Epoch e : t.history()) {
                                out.writeInt(e.epoch());
                                out.writeDouble(e.trainLoss());
                                out.writeDouble(e.validationAuc());
                            }
                        });
                LOG.info("{}: wrote the model to {}", NAME, modelPath);
            }
        }
        long t0 = System.nanoTime();
        double[] attention = meanAttention(trained.weights(), projected);
        double microsPerItem = (System.nanoTime() - t0) / 1e3 / Math.max(1, projected.items());
        BestInputRule.Outcome rule = null;
        if (config.training().keepBestInput()) {
            double best = trained.history().stream().mapToDouble(TransformerTrainer.Epoch::validationAuc).max()
                    .orElse(Double.NaN);
            rule = BestInputRule.apply(NAME, best, projected.modalities(), input,
                    TransformerTrainer.validationSplit(config, projected.usable(), interactions, input.seed()),
                    config.reduction().minStdRatio());
        }
        fitted = new Fitted(List.copyOf(projectors), trained.weights(), trained.history(), trained.loaded(),
                attention, rule);
        LOG.info("{}: {} modalities, {} layer(s) x {} heads, d_model {}, output {}, mean attention {}; Java "
                        + "forward {} us/item", NAME, mCount, config.layers(), config.heads(), config.modelDimension(),
                config.dimension(), attentionWeights(fitted), String.format(Locale.ROOT, "%.1f", microsPerItem));
    }

    private static Map<Modality, Double> attentionWeights(Fitted f) {
        EnumMap<Modality, Double> w = new EnumMap<>(Modality.class);
        for (int m = 0; m < f.projectors().size(); m++) {
            w.put(f.projectors().get(m).modality(), f.attention()[m]);
        }
        return Collections.unmodifiableMap(w);
    }

    private static Trained read(DataInputStream in, TransformerShape shape) throws IOException {
        TransformerWeights w = TransformerWeights.read(in, shape);
        int epochs = in.readInt();
        List<TransformerTrainer.Epoch> history = new ArrayList<>();
        for (int k = 0; k < epochs; k++) {
            history.add(new TransformerTrainer.Epoch(in.readInt(), in.readDouble(), in.readDouble()));
        }
        return new Trained(w, List.copyOf(history), true);
    }

    /** Everything the trained parameters depend on. */
    private long fingerprint(FusionInput input, List<ModalityProjector> projectors, float[][] units) {
        long h = Fingerprint.mix(Fingerprint.start(), MODEL_REVISION);
        h = Fingerprint.mix(h, config.inputDimension());
        h = config.reduction().fingerprint(h);
        h = Fingerprint.mix(h, config.modelDimension());
        h = Fingerprint.mix(h, config.heads());
        h = Fingerprint.mix(h, config.layers());
        h = Fingerprint.mix(h, config.ffnDimension());
        h = Fingerprint.mix(h, config.pooling());
        h = Fingerprint.mix(h, config.dimension());
        h = Fingerprint.mix(h, config.epochs());
        h = Fingerprint.mix(h, config.learningRate());
        h = Fingerprint.mix(h, config.weightDecay());
        h = config.training().fingerprint(h);
        h = Fingerprint.mix(h, input.seed());
        for (ModalityProjector p : projectors) {
            h = Fingerprint.mix(h, p.modality().key());
            h = Fingerprint.mix(h, p.stats().dim());
        }
        h = Fingerprint.mix(h, input.catalog().size());
        for (int i = 0; i < input.catalog().size(); i++) {
            h = Fingerprint.mix(h, input.catalog().item(i).id());
        }
        InteractionMatrix m = input.interactions();
        h = Fingerprint.mix(h, m.numUsers());
        for (int u = 0; u < m.numUsers(); u++) {
            h = Fingerprint.mix(h, m.userId(u));
            for (int j = 0; j < m.degree(u); j++) {
                h = Fingerprint.mix(h, m.item(u, j));
            }
        }
        // the reduced inputs: they cover the encoders' vectors and the fitted reductions
        for (float[] u : units) {
            for (float v : u) {
                h = Fingerprint.mix(h, Float.floatToIntBits(v));
            }
        }
        return h;
    }

    private String sidecar(long fingerprint, List<ModalityProjector> projectors, Trained t) {
        StringBuilder s = new StringBuilder("{\n");
        s.append("  \"strategy\": \"").append(NAME).append("\",\n");
        s.append("  \"format\": ").append(FusionModelFile.VERSION).append(",\n");
        s.append("  \"revision\": ").append(MODEL_REVISION).append(",\n");
        s.append("  \"fingerprint\": \"").append(Long.toHexString(fingerprint)).append("\",\n");
        s.append("  \"fingerprint_covers\": \"modalities and dimensions, hyper-parameters, seed, catalog ids, "
                + "interactions, reduced input vectors\",\n");
        s.append("  \"modalities\": {");
        for (int k = 0; k < projectors.size(); k++) {
            s.append(k == 0 ? "" : ", ").append('"').append(projectors.get(k).modality().key()).append("\": ")
                    .append(projectors.get(k).stats().dim());
        }
        s.append("},\n");
        s.append(String.format(Locale.ROOT, "  \"hyper_parameters\": {\"inputDimension\": %d, \"projection\": \"%s\", "
                        + "\"modelDimension\": %d, \"heads\": %d, \"layers\": %d, \"ffnDimension\": %d, "
                        + "\"pooling\": \"%s\", \"dimension\": %d, \"epochs\": %d, \"learningRate\": %s, "
                        + "\"weightDecay\": %s, \"batchUsers\": %d, \"validationFraction\": %s, \"patience\": %d, "
                        + "\"validationNegatives\": %d, \"scoreScale\": %s, \"validationHoldout\": \"%s\"},\n",
                config.inputDimension(), config.reduction().projection(), config.modelDimension(), config.heads(),
                config.layers(), config.ffnDimension(), config.pooling(), config.dimension(), config.epochs(),
                config.learningRate(), config.weightDecay(), config.training().batchUsers(),
                config.training().validationFraction(), config.training().patience(),
                config.training().validationNegatives(), config.training().scoreScale(),
                config.training().holdout().key()));
        s.append("  \"history\": [");
        for (int k = 0; k < t.history().size(); k++) {
            TransformerTrainer.Epoch e = t.history().get(k);
            s.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                    "{\"epoch\": %d, \"loss\": %s, \"validation_auc\": %.6f}", e.epoch(),
                    Double.isNaN(e.trainLoss()) ? "null" : String.format(Locale.ROOT, "%.6f", e.trainLoss()),
                    e.validationAuc()));
        }
        s.append("]\n}\n");
        return s.toString();
    }

    /** Mean last-layer attention of the pooling query on each modality, over items with at least one. */
    private static double[] meanAttention(TransformerWeights w, ProjectedModalities projected) {
        float[][] units = projected.units();
        boolean[][] present = projected.present();
        int n = projected.items();
        int mCount = units.length;
        int in = w.shape.input();
        double[] mean = new double[mCount];
        double[] a = new double[mCount];
        int count = 0;
        for (int i = 0; i < n; i++) {
            float[][] u = new float[mCount][];
            boolean any = false;
            for (int m = 0; m < mCount; m++) {
                if (present[m][i]) {
                    u[m] = java.util.Arrays.copyOfRange(units[m], i * in, (i + 1) * in);
                    any = true;
                }
            }
            if (!any) {
                continue;
            }
            w.fuse(u, a);
            for (int m = 0; m < mCount; m++) {
                mean[m] += a[m];
            }
            count++;
        }
        for (int m = 0; m < mCount; m++) {
            mean[m] = count == 0 ? 0 : mean[m] / count;
        }
        return mean;
    }

    @Override
    public int dimension() {
        Fitted f = requireFitted();
        return f.keepsSingle() ? f.rule().kept().dim() : config.dimension();
    }

    @Override
    public float[] fuse(ModalityVectors vectors) {
        Fitted f = requireFitted();
        if (f.keepsSingle()) {
            return f.rule().fuse(vectors);
        }
        float[][] u = new float[f.projectors().size()][];
        for (int m = 0; m < u.length; m++) {
            ModalityProjector p = f.projectors().get(m);
            if (vectors.has(p.modality())) {
                u[m] = p.unit(NAME, vectors.get(p.modality()).orElseThrow(), backend);
            }
        }
        return f.weights().fuse(u, null);
    }

    /** The mean attention of the pooling query on each modality over the catalog. */
    @Override
    Map<Modality, Double> learnedWeights(Fitted f) {
        return attentionWeights(f);
    }

    /** Whether the last fit loaded the model file instead of training. */
    public boolean loadedFromFile() {
        Fitted f = fitted;
        return f != null && f.loaded();
    }

    /** The trained parameters (tests). */
    TransformerWeights weights() {
        return requireFitted().weights();
    }

    /** The reduced unit input of one modality vector (tests). */
    float[] reduce(Modality modality, float[] x) {
        for (ModalityProjector p : requireFitted().projectors()) {
            if (p.modality() == modality) {
                return p.unit(NAME, x, backend);
            }
        }
        throw new IllegalArgumentException(NAME + ": " + modality.key() + " is not fused");
    }

    /** The fused modalities in token order (tests). */
    List<Modality> modalities() {
        return requireFitted().modalities();
    }

    private Fitted requireFitted() {
        Fitted f = fitted;
        if (f == null) {
            throw new IllegalStateException(NAME + " fusion is used before fit()");
        }
        return f;
    }

    private record Trained(TransformerWeights weights, List<TransformerTrainer.Epoch> history, boolean loaded) {
    }

    /** What fit learned; {@code rule} is null when {@code keepBestInput} is off. */
    record Fitted(List<ModalityProjector> projectors, TransformerWeights weights,
                          List<TransformerTrainer.Epoch> history, boolean loaded, double[] attention,
                          BestInputRule.Outcome rule) implements LearnedFit<TransformerTrainer.Epoch> {
    }
}
