package dev.braid.plugin.fusion;

import dev.braid.api.data.Modality;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the fit of a learned fusion (gated, transformer) leaves that callers read the same way: the projected
 * modalities, the validation rule that may keep one modality alone, and the training history. The static readers
 * answer for a strategy that is not fitted yet ({@code null}) with empty results.
 *
 * @param <E> the strategy's per-epoch record
 */
interface LearnedFit<E> {
    List<ModalityProjector> projectors();

    /** The best-single-input decision; null when it was not made (keepBestInput off, or not trained). */
    BestInputRule.Outcome rule();

    List<E> history();

    default boolean keepsSingle() {
        return rule() != null && rule().keepsSingle();
    }

    /** The fused modalities, in the order of {@link #projectors()}. */
    default List<Modality> modalities() {
        return projectors().stream().map(ModalityProjector::modality).toList();
    }

    /** 1 for a modality kept alone and 0 for the others; else what the learned model says ({@code learned}). */
    static <F extends LearnedFit<?>> Map<Modality, Double> modalityWeights(F fit,
                                                                         Function<F, Map<Modality, Double>> learned) {
        if (fit == null) {
            return Map.of();
        }
        return fit.keepsSingle() ? fit.rule().weights(fit.modalities()) : learned.apply(fit);
    }

    /** Which output fit kept and the validation figures behind it; empty when untrained. */
    static String fitSummary(LearnedFit<?> fit) {
        return fit == null || fit.rule() == null ? "" : fit.rule().summary();
    }

    /** The modality kept alone because the learned model did not beat it on validation, if any. */
    static Optional<Modality> keptModality(LearnedFit<?> fit) {
        return fit == null || !fit.keepsSingle() ? Optional.empty() : Optional.of(fit.rule().best());
    }

    /** Validation AUC and training loss per epoch (epoch 0: before training); empty when untrained. */
    static <E> List<E> history(LearnedFit<E> fit) {
        return fit == null ? List.of() : fit.history();
    }
}
