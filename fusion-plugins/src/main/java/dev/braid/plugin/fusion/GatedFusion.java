package dev.braid.plugin.fusion;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.ProgressListener;
import dev.braid.api.compute.ComputeBackend;
import dev.braid.api.data.Modality;
import dev.braid.api.fusion.FusionInput;
import dev.braid.api.fusion.ModalityVectors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learned gated fusion: per-item weights over modalities from a small gating network, trained against the
 * recommendation objective of the content-profile generator (cosine to the user's profile).
 *
 * <p><b>Model.</b> Each fused modality {@code m} is mapped to a unit vector {@code u_m} of the common dimension
 * ({@link ModalityProjector}: standardise, project, normalise). The gate scores each present modality from the
 * item's own vector, {@code s_m = w_m · u_m + b_m}, and {@code α = softmax(s)} over the <em>present</em> modalities
 * only (the mask): absent modalities get weight 0 and the weights of the present ones sum to 1. The fused vector is
 * {@code [α_1 u_1, ..., α_M u_M]} ({@code output: concat}, an absent block is zeros) or {@code Σ α_m u_m}
 * ({@code output: sum}).
 *
 * <p><b>Training.</b> The consumer is the content-profile generator: it L2-normalises the fused vectors, a user's
 * profile is the (normalised) sum of the unit vectors of their history and an item scores
 * {@code cos(profile, f_item)}. The training objective is that same score: with {@code û = f / |f|}, for each
 * history item {@code i} of a user, the leave-one-out profile {@code p} (the other history items' unit vectors
 * summed and normalised) and a sampled negative {@code j}, the loss is {@code -log σ(scale · p · (û_i - û_j))},
 * back-propagated through the normalisations to {@code f_i}, {@code f_j} and every history item in {@code p};
 * Adam steps on batches of users. (A dot-product objective on the raw fused vectors rewards growing norms the
 * generator throws away, so it did not improve the cosine ranking.) A seeded share of each user's interactions
 * is held out: validation AUC (held-out item against sampled negatives, cosine to the profile of the rest) is
 * measured before training and after every epoch; training stops after {@code patience} epochs without
 * improvement and keeps the best gates. All randomness comes from the input's seed, and training is single-threaded: the same seed gives the
 * same gates. Gates start at zero (equal weights), so an untrained gate is the equal-weight average.
 *
 * <p><b>Never below its best input.</b> After training ({@code keepBestInput}, default on) each modality alone is
 * scored on the same validation split ({@link BestInputRule}); when the kept gates do not beat the best of them,
 * the strategy outputs that modality alone (standardised, unit length, as {@code concat} fuses one modality) and
 * reports it: weight 1 in {@link #modalityWeights()}, the figures in {@link #fitSummary()}.
 *
 * <p>Thread-safe after {@link #fit}.
 */
@BraidComponent(name = "gated", config = GatedConfig.class,
        description = "per-item softmax gates over present modalities from a small gating network, trained with "
                + "BPR against the content-profile objective (early stopping on a validation split)")
public final class GatedFusion extends LearnedFusion<GatedFusion.Fitted, GatedTrainer.Epoch> {
    private static final Logger LOG = LoggerFactory.getLogger(GatedFusion.class);
    static final String NAME = "gated";

    private final GatedConfig config;
    private final boolean concat;

    /** @throws IllegalArgumentException naming a modality that does not exist */
    public GatedFusion(GatedConfig config, ComputeBackend backend) {
        super(config.modalities(), config.reduction().settings(config.dimension()), backend);
        this.config = config;
        this.concat = config.output().equals("concat");
    }

    @Override
    public void fit(FusionInput input, ProgressListener progress) {
        ProjectedModalities projected = project(NAME, input, progress);
        List<ModalityProjector> projectors = projected.projectors();
        int mCount = projectors.size();
        Gate gate = new Gate(mCount, config.dimension());
        List<GatedTrainer.Epoch> history = List.of();
        BestInputRule.Outcome rule = null;
        if (input.interactions() == null) {
            LOG.warn("{}: no training interactions; the gates stay untrained (equal weights over present "
                    + "modalities)", NAME);
        } else if (config.epochs() > 0) {
            GatedTrainer trainer = new GatedTrainer(config, concat, projected, input.interactions(), input.seed());
            history = trainer.train(gate, progress);
            if (config.training().keepBestInput()) {
                double best = history.stream().mapToDouble(GatedTrainer.Epoch::validationAuc).max().orElse(Double.NaN);
                rule = BestInputRule.apply(NAME, best, projected.modalities(), input, trainer.split(),
                        config.reduction().minStdRatio());
            }
        }
        gate.updateMeanWeights(projected.units(), projected.present(), projected.items());
        Fitted f = new Fitted(List.copyOf(projectors), gate, List.copyOf(history), rule);
        fitted = f;
        if (f.keepsSingle()) {
            LOG.info("{}: {} modalities, keeps {} alone (dimension {})", NAME, mCount, rule.best().key(),
                    dimension());
        } else {
            LOG.info("{}: {} modalities, output {} of dimension {}, mean gate weights {}", NAME, mCount,
                    concat ? "concat" : "sum", dimension(), modalityWeights());
        }
    }

    @Override
    public int dimension() {
        Fitted f = requireFitted();
        if (f.keepsSingle()) {
            return f.rule().kept().dim();
        }
        return concat ? f.projectors().size() * config.dimension() : config.dimension();
    }

    @Override
    public float[] fuse(ModalityVectors vectors) {
        Fitted f = requireFitted();
        if (f.keepsSingle()) {
            return f.rule().fuse(vectors);
        }
        int mCount = f.projectors().size();
        int d = config.dimension();
        float[][] u = new float[mCount][];
        boolean any = false;
        for (int m = 0; m < mCount; m++) {
            ModalityProjector p = f.projectors().get(m);
            if (vectors.has(p.modality())) {
                u[m] = p.unit(NAME, vectors.get(p.modality()).orElseThrow(), backend);
                any = true;
            }
        }
        if (!any) {
            return null;
        }
        float[] alpha = f.gate().weights(u, backend);
        if (concat) {
            float[] out = new float[mCount * d];
            for (int m = 0; m < mCount; m++) {
                if (u[m] != null) {
                    for (int c = 0; c < d; c++) {
                        out[m * d + c] = alpha[m] * u[m][c];
                    }
                }
            }
            return out;
        }
        List<float[]> vs = new ArrayList<>();
        List<Float> ws = new ArrayList<>();
        for (int m = 0; m < mCount; m++) {
            if (u[m] != null) {
                vs.add(u[m]);
                ws.add(alpha[m]);
            }
        }
        return ModalityProjector.weightedSum(backend, vs, ws, 1, d);
    }

    /** The gate's mean weight of each modality over the catalog items that have at least one. */
    @Override
    Map<Modality, Double> learnedWeights(Fitted f) {
        EnumMap<Modality, Double> w = new EnumMap<>(Modality.class);
        for (int m = 0; m < f.projectors().size(); m++) {
            w.put(f.projectors().get(m).modality(), f.gate().meanWeights()[m]);
        }
        return Collections.unmodifiableMap(w);
    }

    /** Sets the gate parameters (row-major {@code M x dimension} weights, {@code M} biases); for tests. */
    void setGate(float[] w, float[] b) {
        requireFitted().gate().set(w, b);
    }

    private Fitted requireFitted() {
        Fitted f = fitted;
        if (f == null) {
            throw new IllegalStateException(NAME + " fusion is used before fit()");
        }
        return f;
    }

    /** What fit learned; {@code rule} is null when the gates were not trained. */
    record Fitted(List<ModalityProjector> projectors, Gate gate, List<GatedTrainer.Epoch> history,
                          BestInputRule.Outcome rule) implements LearnedFit<GatedTrainer.Epoch> {
    }
}
