package dev.braid.api.encoder;

import dev.braid.api.component.ProgressListener;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Item;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * An encoder whose model is trained offline, by a command ({@code braid train-encoder}), to map its modality onto
 * given target vectors (e.g. an image encoder trained to predict each item's text embedding, so that items with
 * only an image land in the text space). Training writes a model file that the encoder's configuration then names.
 *
 * <p>A trainable encoder must be constructible from its configuration before any model exists (that is how the
 * command gets an instance to train); until it has a model, {@link #dimension()} and {@link #encode} throw an
 * {@link IllegalStateException} that names the model path it expected.
 */
public interface TrainableEncoder extends ModalityEncoder {

    /**
     * Trains on the items that have this encoder's modality and a target row, writes the model to
     * {@code modelOut} (atomically: a reader sees the old file or the new one, never a partial one), and from then
     * on encodes with it. Seeded and reproducible by the encoder's configuration; holds out a validation share
     * and keeps the best epoch.
     *
     * @param items    the items, row {@code i} of {@code targets} belonging to {@code items.get(i)}
     * @param targets  one target vector per item; absent rows (no target) are left out of training
     * @param teacher  what produced the targets (e.g. {@code "text:minilm"}), recorded with the model
     * @param modelOut the model file to write (replaced if present)
     * @param progress receives one task per epoch
     * @return what the training reached
     * @throws IllegalArgumentException when {@code targets} has not one row per item, or too few items have both
     *                                  the modality and a target
     * @throws IOException              when the model cannot be written
     */
    Report train(List<Item> items, FeatureMatrix targets, String teacher, Path modelOut, ProgressListener progress)
            throws IOException;

    /**
     * The outcome of {@link #train}.
     *
     * @param model            the model file written
     * @param trainItems       items trained on
     * @param validationItems  items held out for validation (early stopping and the figures below)
     * @param epochs           epochs run
     * @param bestEpoch        the epoch kept (1-based; 0 when no epoch beat the untrained model)
     * @param validationCosine mean cosine between prediction and target on the validation items, best epoch
     * @param baselineCosine   the same for a constant prediction, the mean training target: what a model that
     *                         ignores its input reaches
     */
    record Report(Path model, int trainItems, int validationItems, int epochs, int bestEpoch, double validationCosine,
                  double baselineCosine) {
    }
}
