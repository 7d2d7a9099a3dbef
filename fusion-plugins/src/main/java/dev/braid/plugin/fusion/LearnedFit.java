package dev.braid.plugin.fusion;

import dev.braid.api.data.Modality;
import java.util.List;

/**
 * What the fit of a learned fusion (gated, transformer) leaves that callers read the same way: the projected
 * modalities, the validation rule that may keep one modality alone, and the training history.
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
}
