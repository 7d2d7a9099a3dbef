package dev.braid.plugin.fusion;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.compute.ComputeBackend;
import dev.braid.api.data.Modality;
import dev.braid.api.fusion.FusionInput;
import dev.braid.api.fusion.FusionStrategy;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A fusion strategy that trains a model and may keep the best single modality instead (gated, transformer): what
 * callers read of its fit is answered here the same way for both, with empty results before fit. Both learn on the
 * same input: each configured modality projected to a common space ({@link #project}).
 *
 * @param <F> what the strategy's fit leaves
 * @param <E> the strategy's per-epoch record
 */
abstract class LearnedFusion<F extends LearnedFit<E>, E> implements FusionStrategy {
    /** Set by fit; null before. */
    protected volatile F fitted;
    /** The modalities to fuse; empty: every modality of the input. */
    protected final Set<Modality> configuredModalities;
    /** How each modality is projected before the model sees it. */
    protected final ModalityProjector.Settings settings;
    protected final ComputeBackend backend;

    /** @throws IllegalArgumentException naming a modality that does not exist */
    LearnedFusion(List<String> modalities, ModalityProjector.Settings settings, ComputeBackend backend) {
        this.configuredModalities = Modality.parseAll("modalities", modalities);
        this.settings = settings;
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /** Fits the projectors of the modalities to fuse and projects every item, as training and validation see them. */
    protected final ProjectedModalities project(String name, FusionInput input, ProgressListener progress) {
        return ProjectedModalities.fit(name, configuredModalities, input, settings, backend, progress);
    }

    /** The model's own weight of each modality, for a fit that did not keep one modality alone. */
    abstract Map<Modality, Double> learnedWeights(F fit);

    /** 1 for a modality kept alone and 0 for the others; else the model's weights; empty before fit. */
    @Override
    public final Map<Modality, Double> modalityWeights() {
        F fit = fitted;
        if (fit == null) {
            return Map.of();
        }
        return fit.keepsSingle() ? fit.rule().weights(fit.modalities()) : learnedWeights(fit);
    }

    /** Which output fit kept and the validation figures behind it; empty when untrained. */
    @Override
    public final String fitSummary() {
        F fit = fitted;
        return fit == null || fit.rule() == null ? "" : fit.rule().summary();
    }

    /** The modality kept alone because the trained model did not beat it on validation, if any (after fit). */
    public final Optional<Modality> keptModality() {
        F fit = fitted;
        return fit == null || !fit.keepsSingle() ? Optional.empty() : Optional.of(fit.rule().best());
    }

    /** Validation AUC and training loss per epoch (epoch 0: before training); empty when not trained. */
    public final List<E> history() {
        F fit = fitted;
        return fit == null ? List.of() : fit.history();
    }
}
