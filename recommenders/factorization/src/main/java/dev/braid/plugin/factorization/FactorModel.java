package dev.braid.plugin.factorization;

import dev.braid.api.io.ModelFile;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * A pairwise-ranking factorisation model trained by SGD: what {@link Training} needs to run epochs, validate,
 * keep the best state and save it. Implementations hold their parameters in flat float arrays.
 */
interface FactorModel {
    /** The file format of BPR and VBPR models: header, then {@link #write}'s parameters. */
    ModelFile FILE = new ModelFile(0x4252_4149_444D_4631L, 1, "factorisation model"); // "BRAIDMF1"

    /** One SGD pass: {@code train.size()} draws of a positive pair and a uniform negative item. */
    void epoch(Positives train, SplittableRandom random);

    /** Called after training steps and before scoring (e.g. to cache derived item vectors). */
    default void prepare() {
    }

    /** The score of one item for a known user, or for a user the model has not seen ({@code -1}: item terms only). */
    float score(int user, int item);

    /** Scores every item for a known user into {@code out} (one slot per item). */
    default void scoreUser(int user, float[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = score(user, i);
        }
    }

    /** Scores every item for a user the model has not seen (item terms only). */
    default void scoreUnknownUser(float[] out) {
        scoreUser(-1, out);
    }

    /** An independent copy of the parameters. */
    FactorModel copy();

    /** Writes the parameters (the {@link ModelFile} header is written by the caller). */
    void write(DataOutputStream out) throws IOException;
}
